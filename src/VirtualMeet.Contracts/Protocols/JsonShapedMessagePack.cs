using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace VirtualMeet.Contracts.Protocols;

/// <summary>
/// MessagePack serializer options under which every hub payload has the shape it has in JSON: the same member names,
/// enum strings, instants as ISO 8601 strings, omitted members and custom converters (<c>PollText</c>). Pass the
/// JSON payload options of the same side: the server passes its JSON hub protocol's, a .NET client SignalR's defaults.
/// </summary>
/// <remarks>
/// SignalR's default MessagePack options (contractless resolver, enums by name) would send PascalCase keys and enum
/// names, <c>DateTimeOffset</c> as an array of a timestamp and an offset, <c>TimeSpan</c> as ticks, and would ignore
/// the System.Text.Json attributes the contracts already carry (a converter, omitted nulls). Annotating every record
/// for MessagePack would describe the wire a second time and drift. Instead each payload is written by
/// System.Text.Json with the given options and that tree is re-encoded as MessagePack maps, arrays and scalars (and
/// read back the same way), so both protocols carry one shape by construction. The extra pass costs once per message
/// and protocol, not per recipient: SignalR and the backplane serialise a push once for each protocol in use.
/// </remarks>
public static class JsonShapedMessagePack
{
    public static MessagePackSerializerOptions Options(JsonSerializerOptions json) =>
        MessagePackSerializerOptions.Standard
            .WithResolver(new Resolver(json))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    private sealed class Resolver(JsonSerializerOptions json) : IFormatterResolver
    {
        private readonly ConcurrentDictionary<Type, object> _formatters = new();

        public IMessagePackFormatter<T> GetFormatter<T>() =>
            (IMessagePackFormatter<T>)_formatters.GetOrAdd(typeof(T), static (_, options) => new Formatter<T>(options), json);
    }

    private sealed class Formatter<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
        {
            using var document = JsonSerializer.SerializeToDocument(value, json);
            Write(ref writer, document.RootElement);
        }

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Copy(ref reader, writer, options);
            }

            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json)!;
        }
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }

                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number when element.TryGetUInt64(out var unsigned):
                writer.Write(unsigned);
                break;
            case JsonValueKind.Number:
                writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    /// <summary>
    /// Copies one MessagePack value into JSON. Besides what <see cref="Write"/> produces it takes what other
    /// encoders send for the same data: binary as base64 (System.Text.Json's form of bytes), timestamps (a browser
    /// encoder's form of a <c>Date</c>) as ISO 8601 strings, integer map keys as their digits.
    /// </summary>
    private static void Copy(ref MessagePackReader reader, Utf8JsonWriter json, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                options.Security.DepthStep(ref reader);
                var properties = reader.ReadMapHeader();
                json.WriteStartObject();
                for (var i = 0; i < properties; i++)
                {
                    json.WritePropertyName(reader.NextMessagePackType == MessagePackType.Integer
                        ? reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : reader.ReadString() ?? throw new MessagePackSerializationException("A map key is nil."));
                    Copy(ref reader, json, options);
                }

                json.WriteEndObject();
                reader.Depth--;
                break;
            case MessagePackType.Array:
                options.Security.DepthStep(ref reader);
                var items = reader.ReadArrayHeader();
                json.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    Copy(ref reader, json, options);
                }

                json.WriteEndArray();
                reader.Depth--;
                break;
            case MessagePackType.String:
                json.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                json.WriteNumberValue(reader.ReadUInt64());
                break;
            case MessagePackType.Integer:
                json.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                json.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;
            case MessagePackType.Binary:
                json.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray());
                break;
            case MessagePackType.Extension when reader.CreatePeekReader().ReadExtensionFormatHeader().TypeCode == ReservedMessagePackExtensionTypeCode.DateTime:
                json.WriteStringValue(reader.ReadDateTime());
                break;
            default:
                throw new MessagePackSerializationException($"Unsupported MessagePack value ({reader.NextMessagePackType}).");
        }
    }
}

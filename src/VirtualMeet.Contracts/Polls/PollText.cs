using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Polls;

/// <summary>
/// A question or option in German and/or English. Clients may send a plain string (used for both languages)
/// or <c>{ "de": "...", "en": "..." }</c>; it is always written as the object.
/// </summary>
[JsonConverter(typeof(PollTextConverter))]
public sealed record PollText(string? De = null, string? En = null)
{
    /// <summary>The text in <paramref name="language"/>, falling back to the other one.</summary>
    public string In(string? language) =>
        (string.Equals(language, "de", StringComparison.OrdinalIgnoreCase) ? De ?? En : En ?? De) ?? "";

    public override string ToString() => In("en");
}

/// <summary>Reads a string or an object; writes the object so every reader gets both languages.</summary>
public sealed class PollTextConverter : JsonConverter<PollText>
{
    public override PollText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            return new PollText(text, text);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Expected a string or an object with 'de' and/or 'en'.");

        string? de = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            if (string.Equals(name, "de", StringComparison.OrdinalIgnoreCase))
                de = value;
            else if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase))
                en = value;
        }

        return new PollText(de, en);
    }

    public override void Write(Utf8JsonWriter writer, PollText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("de", value.De);
        writer.WriteString("en", value.En);
        writer.WriteEndObject();
    }
}

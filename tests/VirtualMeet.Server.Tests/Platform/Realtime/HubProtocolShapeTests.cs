using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// The bytes a node's two hub protocols write for the same push, read without knowing the contract types: MessagePack
/// carries exactly the tree JSON carries (member names, enum strings, instants, omitted nulls, converters). And the
/// other way: a browser's MessagePack call binds to the same arguments as its JSON call.
/// </summary>
public sealed class HubProtocolShapeTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private static readonly StageView Stage = new("keynote", 3, StageStatus.Live, [new StreamSource("de", "https://stream.example/de.m3u8", "hls")],
        null, "Eröffnung", new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(2)), null, PreModeration: false);

    public static TheoryData<string, object> Pushes => new()
    {
        { "a stage with an instant, an enum and a list", Stage },
        { "a registration change whose null position JSON leaves out", new RegistrationChanged("event", "workshop", SessionRegistrationStatus.Confirmed, null) },
        { "poll text through its own converter", new PollText("Frage", "Question") },
        { "a ballot with numbers", new Ballot([1, 3]) },
        { "a plain string", "hallo" },
    };

    [Theory]
    [MemberData(nameof(Pushes))]
    public void MessagePackCarriesTheTreeJsonCarries(string because, object payload)
    {
        var json = Arguments("json", payload);
        var messagePack = Arguments("messagepack", payload);

        Assert.True(JsonNode.DeepEquals(json, messagePack), $"{because}: json {json.ToJsonString()} / msgpack {messagePack.ToJsonString()}");
    }

    [Fact]
    public void MessagePackNamesMembersAndEnumValuesInCamelCaseAndSendsInstantsAsIsoStrings()
    {
        var stage = Arguments("messagepack", Stage)[0]!;

        Assert.Equal("live", (string?)stage["status"]);
        Assert.Equal("2026-10-08T09:00:00+02:00", (string?)stage["startsAt"]);
        Assert.Equal("de", (string?)stage["sources"]![0]!["language"]);
        Assert.Null(stage["Status"]);
    }

    [Fact]
    public void ABrowsersMessagePackCallBindsToTheSameArgumentsAsItsJsonCall()
    {
        var instant = new DateTimeOffset(2026, 10, 8, 7, 0, 0, TimeSpan.Zero);
        var json = Parse("json", Encoding.UTF8.GetBytes(
            """{"type":1,"invocationId":"1","target":"SetStage","arguments":["keynote",{"status":"live","startsAt":"2026-10-08T07:00:00.000Z","sources":[{"language":"de","url":"https://stream.example/de.m3u8"}]}]}""" + "\u001e"));

        // As @msgpack/msgpack encodes the same call: maps with the page's names, a Date as a timestamp extension.
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(6);
        writer.Write(1);
        writer.WriteMapHeader(0);
        writer.Write("1");
        writer.Write("SetStage");
        writer.WriteArrayHeader(2);
        writer.Write("keynote");
        writer.WriteMapHeader(3);
        writer.Write("status");
        writer.Write("live");
        writer.Write("startsAt");
        writer.Write(instant.UtcDateTime);
        writer.Write("sources");
        writer.WriteArrayHeader(1);
        writer.WriteMapHeader(2);
        writer.Write("language");
        writer.Write("de");
        writer.Write("url");
        writer.Write("https://stream.example/de.m3u8");
        writer.WriteArrayHeader(0);
        writer.Flush();
        var messagePack = Parse("messagepack", [.. LengthPrefix(buffer.WrittenCount), .. buffer.WrittenSpan]);

        var update = Assert.IsType<StageUpdate>(messagePack.Arguments[1]);
        Assert.Equal((StageStatus.Live, instant, "de"), (update.Status, update.StartsAt, Assert.Single(update.Sources!).Language));
        Assert.Equal(JsonSerializer.Serialize(json.Arguments), JsonSerializer.Serialize(messagePack.Arguments));
    }

    private InvocationMessage Parse(string protocolName, byte[] frame)
    {
        var protocol = fixture.Node.Services.GetServices<IHubProtocol>().Single(p => p.Name == protocolName);
        var input = new ReadOnlySequence<byte>(frame);
        Assert.True(protocol.TryParseMessage(ref input, new SetStageBinder(), out var message));
        return Assert.IsType<InvocationMessage>(message);
    }

    private static byte[] LengthPrefix(int length)
    {
        var prefix = new List<byte>();
        for (; length > 0x7f; length >>= 7)
            prefix.Add((byte)((length & 0x7f) | 0x80));
        prefix.Add((byte)length);
        return [.. prefix];
    }

    private sealed class SetStageBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(string), typeof(StageUpdate)];

        public Type GetReturnType(string invocationId) => typeof(StageView);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }

    /// <summary>The invocation's arguments as a JSON tree, from the bytes the node's protocol of that name writes.</summary>
    private JsonNode Arguments(string protocolName, object payload)
    {
        var protocol = fixture.Node.Services.GetServices<IHubProtocol>().Single(p => p.Name == protocolName);
        var frame = protocol.GetMessageBytes(new InvocationMessage("Push", [payload]));
        if (protocolName == "json")
        {
            // A JSON frame ends with the record separator (0x1e).
            return JsonNode.Parse(frame.Span[..^1])!["arguments"]!;
        }

        // A MessagePack frame starts with its length as a variable-length integer, then [type, headers, id, target, arguments, streams].
        var start = 0;
        while ((frame.Span[start++] & 0x80) != 0)
        {
        }

        return JsonNode.Parse(MessagePackSerializer.ConvertToJson(frame[start..]))![4]!;
    }
}

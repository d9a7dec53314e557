using System.Text.Json;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Protocols;

namespace VirtualMeet.Benchmarks;

/// <summary>
/// <c>--protocol json|msgpack</c>: the clients' hub protocol. With the option, both protocols run over the official
/// client's WebSocket transport (MessagePack needs binary frames), so two runs differ in the protocol alone; without
/// it, the test connection's transport and JSON as before. The server offers both, as VirtualMeet nodes do, with the
/// MessagePack payloads shaped like JSON (<see cref="JsonShapedMessagePack"/>).
/// </summary>
internal static class HubProtocolOption
{
    public static MessagePackSerializerOptions MessagePackOptions { get; } =
        JsonShapedMessagePack.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string Parse(string value) =>
        value is "json" or "msgpack" ? value : throw new ArgumentException($"--protocol is json or msgpack, not '{value}'.");

    public static Action<IHubConnectionBuilder>? Configure(string? protocol, Uri url) => protocol switch
    {
        null => null,
        "json" => builder => OfficialTransport(builder, url),
        _ => builder => OfficialTransport(builder, url).AddMessagePackProtocol(o => o.SerializerOptions = MessagePackOptions),
    };

    private static IHubConnectionBuilder OfficialTransport(IHubConnectionBuilder builder, Uri url) =>
        builder.WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        });
}

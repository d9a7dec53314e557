using System.Text.Json;
using MessagePack;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Protocols;

namespace VirtualMeet.Benchmarks;

/// <summary>
/// <c>--protocol json|msgpack</c>: the clients' hub protocol (JSON without the option), over the official client's
/// WebSocket transport either way, so two runs differ in the protocol alone. The server offers both, as VirtualMeet
/// nodes do, with the MessagePack payloads shaped like JSON (<see cref="JsonShapedMessagePack"/>).
/// </summary>
internal static class HubProtocolOption
{
    public static MessagePackSerializerOptions MessagePackOptions { get; } =
        JsonShapedMessagePack.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string Parse(string value) =>
        value is "json" or "msgpack" ? value : throw new ArgumentException($"--protocol is json or msgpack, not '{value}'.");

    public static Action<IHubConnectionBuilder>? Configure(string? protocol) => protocol switch
    {
        "msgpack" => builder => builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackOptions),
        _ => null,
    };
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Protocols;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// MessagePack beside JSON. Every node registers both: a client picks one at the handshake, and the backplane
/// serialises a push once for each registered protocol, so a node lacking one could not serve that protocol's clients
/// of pushes sent by another node.
/// </summary>
internal static class HubProtocols
{
    /// <summary>
    /// Adds the MessagePack hub protocol with payloads shaped by the JSON protocol's own options (camelCase members and
    /// enum values, ISO 8601 instants, the contracts' converters; see <see cref="JsonShapedMessagePack"/>), so a
    /// client reads the same data whichever protocol it chose and JSON stays the one description of the shape.
    /// </summary>
    public static ISignalRServerBuilder AddMessagePackProtocolShapedLikeJson(this ISignalRServerBuilder signalR)
    {
        signalR.AddMessagePackProtocol();
        signalR.Services.AddSingleton<IConfigureOptions<MessagePackHubProtocolOptions>, ShapeLikeJson>();
        return signalR;
    }

    private sealed class ShapeLikeJson(IOptions<JsonHubProtocolOptions> json) : IConfigureOptions<MessagePackHubProtocolOptions>
    {
        public void Configure(MessagePackHubProtocolOptions options) =>
            options.SerializerOptions = JsonShapedMessagePack.Options(json.Value.PayloadSerializerOptions);
    }
}

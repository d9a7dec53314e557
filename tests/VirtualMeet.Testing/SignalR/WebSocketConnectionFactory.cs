using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace VirtualMeet.Testing;

/// <summary>
/// Opens a plain WebSocket straight to a hub URL (no negotiate step, which ASP.NET Core accepts) and hands
/// it to <c>HubConnection</c> as a <see cref="ConnectionContext"/>. The full SignalR client package does not
/// restore here; Client.Core plus this factory is the whole .NET client.
/// </summary>
public sealed class WebSocketConnectionFactory(string? accessToken = null) : IConnectionFactory
{
    /// <summary>The connection opened last: a hub connection holds one at a time, and this is the one to abort.</summary>
    public ConnectionContext? Current { get; private set; }

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not UriEndPoint { Uri: var hubUri })
        {
            throw new NotSupportedException($"Expected a {nameof(UriEndPoint)}, got {endpoint.GetType().Name}.");
        }

        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(ToWebSocketUri(hubUri, accessToken), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Current = WebSocketConnection.Start(socket);
        return Current;
    }

    internal static Uri ToWebSocketUri(Uri hubUri, string? accessToken)
    {
        var builder = new UriBuilder(hubUri)
        {
            Scheme = hubUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        if (accessToken is not null)
        {
            var query = builder.Query.TrimStart('?');
            var token = "access_token=" + Uri.EscapeDataString(accessToken);
            builder.Query = query.Length == 0 ? token : query + "&" + token;
        }

        return builder.Uri;
    }
}

using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace VirtualMeet.Testing;

/// <summary>
/// A <see cref="HttpConnectionOptions.WebSocketFactory"/> that keeps the socket it opened last, so that a test or the
/// load tool can drop it without a close frame, as when a laptop loses its network. The client otherwise opens its
/// socket itself and offers no way to abort it: disposing a <c>HubConnection</c> always says goodbye.
/// </summary>
public sealed class AbortableWebSocketFactory
{
    private ClientWebSocket? _current;

    /// <summary>Makes <paramref name="options"/> open their WebSockets through this factory.</summary>
    public void Install(HttpConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WebSocketFactory = ConnectAsync;
    }

    /// <summary>Drops the current socket: no close frame, the server notices only when the TCP connection fails.</summary>
    public void Abort() => Volatile.Read(ref _current)?.Abort();

    private async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // A custom factory replaces the client's own, which sends the configured headers and the bearer token.
        foreach (var (name, value) in context.Options.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        if (context.Options.AccessTokenProvider is { } tokens && await tokens() is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        context.Options.WebSocketConfiguration?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(context.Uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Volatile.Write(ref _current, socket);
        return socket;
    }
}

using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Testing;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// One attendee's connection to one hub on one node: the official .NET SignalR client, straight to the WebSocket
/// (no negotiate step, see <see cref="ConnectAsync"/>). Knows whether the server dropped it and can drop its own
/// socket without a goodbye.
/// </summary>
internal sealed class LoadClient : IAsyncDisposable
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AbortableWebSocketFactory _sockets;

    private LoadClient(Attendee attendee, Uri node, HubConnection connection, AbortableWebSocketFactory sockets)
    {
        Attendee = attendee;
        Node = node;
        Connection = connection;
        _sockets = sockets;
        connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public Attendee Attendee { get; }

    /// <summary>The node (or balancer) this connection went to.</summary>
    public Uri Node { get; }

    public HubConnection Connection { get; }

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Completes when the connection ends for any reason (server crash, abort, dispose).</summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Builds the connection; <paramref name="subscribe"/> registers push handlers before it starts, so nothing sent
    /// right after the handshake is missed.
    /// </summary>
    /// <remarks>
    /// No negotiate step (<c>SkipNegotiation</c>, WebSockets only), unlike browsers and tests. The tool holds up to
    /// 15,000 connections: negotiating costs each one an HTTP round trip in the ramp, and an HttpClient whose pooled
    /// keep-alive connection stays open beside the WebSocket until it idles out. Measured with 2,000 clients of this
    /// client version on one loopback node: 4 sockets per client (both ends) with negotiate, 2 without, and the ramp
    /// took about 1.5 times as long. A direct WebSocket also needs no sticky sessions when the target is a balancer.
    /// </remarks>
    public static async Task<LoadClient> ConnectAsync(Uri node, string hubPath, Attendee attendee, Action<HubConnection> subscribe, CancellationToken cancellationToken)
    {
        var sockets = new AbortableWebSocketFactory();
        var connection = TestHubConnection.Create(new Uri(node, hubPath), attendee.AccessToken, options =>
        {
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            sockets.Install(options);
        });
        // A loaded 2-core machine may not answer pings for a while; the tool measures, it does not give up early.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        subscribe(connection);
        var client = new LoadClient(attendee, node, connection, sockets);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return client;
    }

    /// <summary>Drops the socket: no close frame, the server notices only when the TCP connection fails.</summary>
    public void DropSocket() => _sockets.Abort();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            DropSocket();
        }
    }
}

/// <summary>A registered attendee: id and the access token the registration returned.</summary>
internal sealed record Attendee(string Id, string AccessToken, string DisplayName);

using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Testing;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// One attendee's connection to one hub on one node: the .NET SignalR client over a plain WebSocket (no
/// negotiate step). Knows whether the server dropped it and can drop its own socket without a goodbye.
/// </summary>
internal sealed class LoadClient : IAsyncDisposable
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebSocketConnectionFactory _factory;

    private LoadClient(Attendee attendee, Uri node, HubConnection connection, WebSocketConnectionFactory factory)
    {
        Attendee = attendee;
        Node = node;
        Connection = connection;
        _factory = factory;
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
    public static async Task<LoadClient> ConnectAsync(Uri node, string hubPath, Attendee attendee, Action<HubConnection> subscribe, CancellationToken cancellationToken)
    {
        var factory = new WebSocketConnectionFactory(attendee.AccessToken);
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(factory);
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(new Uri(node, hubPath)));
        var connection = builder.Build();
        // A loaded 2-core machine may not answer pings for a while; the tool measures, it does not give up early.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        subscribe(connection);
        var client = new LoadClient(attendee, node, connection, factory);
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
    public void DropSocket() => _factory.Current?.Abort();

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

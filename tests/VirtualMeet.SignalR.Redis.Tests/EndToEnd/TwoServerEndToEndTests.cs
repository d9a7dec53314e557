using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.EndToEnd;

/// <summary>Two real servers on loopback sharing one Redis; official .NET clients (negotiate, then WebSockets), one on each server.</summary>
public sealed class TwoServerEndToEndTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];
    private KestrelNode _one = null!;
    private KestrelNode _two = null!;

    public async ValueTask InitializeAsync()
    {
        var prefix = BackplaneNode.NewPrefix();
        _one = await KestrelNode.StartAsync(redis.Server.ConnectionString, prefix);
        _two = await KestrelNode.StartAsync(redis.Server.ConnectionString, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    [Fact]
    public async Task SendAllFromOneServerReachesClientOnTheOther()
    {
        var (_, inbox) = await ConnectAsync(_two);

        await _one.Hub.Clients.All.SendAsync("Push", "all").WaitAsync(TestTimeouts.Default);

        Assert.Equal("all", await inbox.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task GroupJoinedThroughOneServerReceivesSendFromTheOther()
    {
        var (client, inbox) = await ConnectAsync(_one);
        await client.InvokeAsync("JoinGroup", "room").WaitAsync(TestTimeouts.Default);

        await _two.Hub.Clients.Group("room").SendAsync("Push", "group").WaitAsync(TestTimeouts.Default);

        Assert.Equal("group", await inbox.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task UserSendReachesTheUsersClientsOnBothServers()
    {
        var (_, onOne) = await ConnectAsync(_one, "ada");
        var (_, onTwo) = await ConnectAsync(_two, "ada");

        await _two.Hub.Clients.User("ada").SendAsync("Push", "user").WaitAsync(TestTimeouts.Default);

        Assert.Equal("user", await onOne.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
        Assert.Equal("user", await onTwo.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task ConnectionSendFromOneServerReachesClientOnTheOther()
    {
        var (client, inbox) = await ConnectAsync(_two);
        var connectionId = await client.InvokeAsync<string>("GetConnectionId").WaitAsync(TestTimeouts.Default);

        await _one.Hub.Clients.Client(connectionId).SendAsync("Push", "connection").WaitAsync(TestTimeouts.Default);

        Assert.Equal("connection", await inbox.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task ClientResultCrossesServers()
    {
        var (client, _) = await ConnectAsync(_two);
        client.On("Ask", (int value) => value * 2);
        var connectionId = await client.InvokeAsync<string>("GetConnectionId").WaitAsync(TestTimeouts.Default);

        var answer = await _one.Hub.Clients.Client(connectionId).InvokeAsync<int>("Ask", 21, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        Assert.Equal(42, answer);
    }

    private async Task<(HubConnection Client, Channel<string> Inbox)> ConnectAsync(KestrelNode node, string? user = null)
    {
        var inbox = Channel.CreateUnbounded<string>();
        var connection = TestHubConnection.Create(node.HubUrlFor(user));
        connection.On<string>("Push", value => inbox.Writer.TryWrite(value));
        _connections.Add(connection);
        await connection.StartAsync().WaitAsync(TestTimeouts.Default);

        // The handshake completes before the server's lifetime manager has subscribed the connection's channels;
        // a hub call is dispatched only after that, so one round trip means "fully connected".
        await connection.InvokeAsync<string>("GetConnectionId").WaitAsync(TestTimeouts.Default);
        return (connection, inbox);
    }
}

using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Resilience;

/// <summary>Remote group commands are bounded, and membership changes never leave a subscription behind.</summary>
public sealed class GroupCommandTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private BackplaneNode _one = null!;
    private BackplaneNode _two = null!;

    public ValueTask InitializeAsync()
    {
        _one = BackplaneNode.Start(redis.Server.ConnectionString, _prefix, o => o.AckTimeout = TimeSpan.FromMilliseconds(500));
        _two = BackplaneNode.Start(redis.Server.ConnectionString, _prefix, o => o.AckTimeout = TimeSpan.FromMilliseconds(500));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    [Fact]
    public async Task RemoteAddForConnectionThatExistsNowhereFailsWithinTheConfiguredTimeout()
    {
        await _two.ConnectAsync();

        // Bounded by the test's own timeout, far above the 500 ms ack timeout: it must fail, not hang.
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => _one.Manager.AddToGroupAsync("no-such-connection", "room").WaitAsync(TestTimeouts.Default));
        Assert.Contains("no-such-connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectRacingAnAddLeavesNoSubscriptionBehind()
    {
        for (var round = 0; round < 20; round++)
        {
            var client = await _two.ConnectAsync();
            var group = "race" + round;

            var add = _one.Manager.AddToGroupAsync(client.ConnectionId, group);
            var localAdd = _two.Manager.AddToGroupAsync(client.ConnectionId, group + "-local");
            var disconnect = _two.Manager.OnDisconnectedAsync(client.Connection);
            await disconnect.WaitAsync(TestTimeouts.Default);
            await localAdd.WaitAsync(TestTimeouts.Default);
            try
            {
                await add.WaitAsync(TestTimeouts.Default);
            }
            catch (TimeoutException)
            {
                // The command reached node two after the disconnect: nobody acks, which is the expected outcome.
            }

            Assert.False(_two.Manager.Subscriptions.Contains(_two.Manager.Channels.Group(group)));
            Assert.False(_two.Manager.Subscriptions.Contains(_two.Manager.Channels.Group(group + "-local")));
            Assert.False(_two.Manager.Subscriptions.Contains(_two.Manager.Channels.Connection(client.ConnectionId)));
        }
    }

    [Fact]
    public async Task LastMemberLeavingUnsubscribesTheGroupChannel()
    {
        var first = await _two.ConnectAsync();
        var second = await _two.ConnectAsync();
        var channel = _two.Manager.Channels.Group("room");
        await _two.Manager.AddToGroupAsync(first.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        await _two.Manager.AddToGroupAsync(second.ConnectionId, "room").WaitAsync(TestTimeouts.Default);

        await _two.Manager.RemoveFromGroupAsync(first.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        Assert.True(_two.Manager.Subscriptions.Contains(channel));
        await _two.Manager.OnDisconnectedAsync(second.Connection).WaitAsync(TestTimeouts.Default);
        Assert.False(_two.Manager.Subscriptions.Contains(channel));
    }
}

using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Resilience;

/// <summary>Remote group commands are bounded, and membership changes never leave a subscription behind.</summary>
public sealed class GroupCommandTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private BackplaneNode _one = null!;
    private BackplaneNode _two = null!;

    public async ValueTask InitializeAsync()
    {
        _one = await BackplaneNode.StartAsync(redis.Server.ConnectionString, _prefix, o => o.AckTimeout = TimeSpan.FromMilliseconds(500));
        _two = await BackplaneNode.StartAsync(redis.Server.ConnectionString, _prefix, o => o.AckTimeout = TimeSpan.FromMilliseconds(500));
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

            await AssertNoSubscriberAsync("group:" + group);
            await AssertNoSubscriberAsync("group:" + group + "-local");
            await AssertNoSubscriberAsync("connection:" + client.ConnectionId);
        }
    }

    [Fact]
    public async Task LastMemberLeavingUnsubscribesTheGroupChannel()
    {
        var first = await _two.ConnectAsync();
        var second = await _two.ConnectAsync();
        await _two.Manager.AddToGroupAsync(first.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        await _two.Manager.AddToGroupAsync(second.ConnectionId, "room").WaitAsync(TestTimeouts.Default);

        await _two.Manager.RemoveFromGroupAsync(first.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        Assert.Equal(1, await SubscribersAsync("group:room"));
        await _two.Manager.OnDisconnectedAsync(second.Connection).WaitAsync(TestTimeouts.Default);
        await AssertNoSubscriberAsync("group:room");
    }

    /// How many Redis connections are subscribed to the channel: what Redis itself says, not what a node believes.
    private async Task<long> SubscribersAsync(string channel)
    {
        var reply = await redis.Server.ExecuteAsync("PUBSUB", "NUMSUB", _two.ChannelOf(channel));
        return long.Parse(reply.Items![1].Text!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task AssertNoSubscriberAsync(string channel)
    {
        // An unsubscribe is sent when the last member leaves and is not awaited by everyone: wait for Redis to agree.
        await Eventually.UntilAsync(() => SubscribersAsync(channel), count => count == 0, because: $"{channel} is still subscribed");
    }
}

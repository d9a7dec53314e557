using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Resilience;

/// <summary>
/// Redis crashes, restarts and cuts subscribers off; the nodes repair themselves. Each test owns its redis-server.
/// "Flowing again" is proved by sending until one message arrives, each attempt waiting a bounded time for it.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private RedisServer _redis = null!;
    private BackplaneNode _one = null!;
    private BackplaneNode _two = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _one = await BackplaneNode.StartAsync(_redis.ConnectionString, _prefix, FastRepair);
        _two = await BackplaneNode.StartAsync(_redis.ConnectionString, _prefix, FastRepair);
    }

    public async ValueTask DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledAndRestartedTwiceInARowLeavesEverySubscriptionLive()
    {
        var onOne = await _one.ConnectAsync("ada");
        var onTwo = await _two.ConnectAsync("bob");
        await _one.Manager.AddToGroupAsync(onOne.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        await _two.Manager.AddToGroupAsync(onTwo.ConnectionId, "room").WaitAsync(TestTimeouts.Default);

        for (var outage = 0; outage < 2; outage++)
        {
            await _redis.KillAsync();

            // While Redis is down, sends fail fast (logged, not thrown) and never hang the caller.
            await _one.Manager.SendAllAsync("Lost", ["down"]).WaitAsync(TestTimeouts.Default);
            await _two.Manager.SendGroupAsync("room", "Lost", ["down"]).WaitAsync(TestTimeouts.Default);

            await _redis.RestartAsync();

            await AssertFlowsAsync(() => _one.Manager.SendAllAsync("All", [outage]), onTwo, "All");
            await AssertFlowsAsync(() => _two.Manager.SendAllAsync("All", [outage]), onOne, "All");
            await AssertFlowsAsync(() => _one.Manager.SendGroupAsync("room", "Group", [outage]), onTwo, "Group");
            await AssertFlowsAsync(() => _two.Manager.SendUserAsync("ada", "User", [outage]), onOne, "User");
            await AssertFlowsAsync(() => _two.Manager.SendConnectionAsync(onOne.ConnectionId, "Connection", [outage]), onOne, "Connection");
            await AssertFlowsAsync(() => _one.Manager.SendConnectionAsync(onTwo.ConnectionId, "Connection", [outage]), onTwo, "Connection");
        }
    }

    [Fact]
    public async Task OperationsWhileRedisIsDownFailFastInsteadOfHanging()
    {
        var onTwo = await _two.ConnectAsync();
        var local = await _one.ConnectAsync();
        await _redis.KillAsync();

        await _one.Manager.SendAllAsync("Lost", ["down"]).WaitAsync(TestTimeouts.Default);
        await _one.Manager.SendGroupsAsync(["a", "b"], "Lost", ["down"]).WaitAsync(TestTimeouts.Default);
        await Assert.ThrowsAsync<IOException>(() => _one.Manager.AddToGroupAsync(onTwo.ConnectionId, "room").WaitAsync(TestTimeouts.Default));
        await Assert.ThrowsAsync<IOException>(
            () => _one.Manager.InvokeConnectionAsync<int>(onTwo.ConnectionId, "Ask", [], CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.True(_one.Metrics.PublishFailuresTotal > 0);

        // Local sends need no Redis and still work.
        await _one.Manager.SendConnectionAsync(local.ConnectionId, "Local", ["ok"]).WaitAsync(TestTimeouts.Default);
        Assert.Equal("ok", (await local.ReadAsync()).FirstArgument);

        // A connection or a local group join that cannot be subscribed is refused, never accepted deaf.
        await Assert.ThrowsAsync<IOException>(() => _one.ConnectAsync().WaitAsync(TestTimeouts.Default));
        await Assert.ThrowsAsync<IOException>(() => _one.Manager.AddToGroupAsync(local.ConnectionId, "room").WaitAsync(TestTimeouts.Default));

        // Once Redis is back, the same join subscribes and the group hears sends from the other node.
        await _redis.RestartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(_one.Connection.IsConnected), connected => connected, TestTimeouts.Recovery, "node one reconnects");
        await _one.Manager.AddToGroupAsync(local.ConnectionId, "room").WaitAsync(TestTimeouts.Default);
        await AssertFlowsAsync(() => _two.Manager.SendGroupAsync("room", "Remote", ["back"]), local, "Remote");
        var late = await _one.ConnectAsync();
        await AssertFlowsAsync(() => _two.Manager.SendConnectionAsync(late.ConnectionId, "Remote", ["late"]), late, "Remote");
    }

    [Fact]
    public async Task SendsWhileRedisIsUnresponsiveGiveUpAfterThePublishTimeout()
    {
        var onTwo = await _two.ConnectAsync();
        var failuresBefore = _one.Metrics.PublishFailuresTotal;

        // Redis stays connected but holds every PUBLISH for 60 s (WRITE mode still lets CLIENT UNPAUSE through):
        // without a bound, the calls below would outlast their 10 s test bound. With PublishTimeout = 1 s the send
        // returns; the group command throws once AckTimeout (1 s here) passes without an acknowledgement.
        await _redis.ExecuteAsync("CLIENT", "PAUSE", "60000", "WRITE");
        try
        {
            await _one.Manager.SendAllAsync("Lost", ["paused"]).WaitAsync(TestTimeouts.Default);
            await Assert.ThrowsAsync<TimeoutException>(() => _one.Manager.AddToGroupAsync(onTwo.ConnectionId, "room").WaitAsync(TestTimeouts.Default));
            Assert.True(_one.Metrics.PublishFailuresTotal > failuresBefore);
        }
        finally
        {
            await _redis.ExecuteAsync("CLIENT", "UNPAUSE");
        }

        await AssertFlowsAsync(() => _one.Manager.SendAllAsync("All", ["unpaused"]), onTwo, "All");
    }

    [Fact]
    public async Task SlowSubscriberCutOffByRedisRecovers()
    {
        var onTwo = await _two.ConnectAsync();
        await _redis.ExecuteAsync("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb 5");

        await _redis.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");

        await AssertFlowsAsync(() => _one.Manager.SendAllAsync("All", ["after-kill"]), onTwo, "All");
    }

    [Fact]
    public async Task AfterRedisCameBackEveryLocalConnectionIsAskedToResyncOnce()
    {
        await using var node = await BackplaneNode.StartAsync(_redis.ConnectionString, _prefix, WithResync);
        var first = await node.ConnectAsync("ada");
        var second = await node.ConnectAsync();

        // A node that has only just started lost nothing: its first connections get what is sent, and no resync.
        await AssertFlowsAsync(() => _two.Manager.SendConnectionAsync(first.ConnectionId, "Hello", ["fresh"]), first, "Hello");
        Assert.Null(first.TryRead());
        Assert.Null(second.TryRead());

        await _redis.KillAsync();
        await _redis.RestartAsync();

        foreach (var client in new[] { first, second })
        {
            var message = await client.ReadAsync(TestTimeouts.Recovery);
            Assert.Equal("Resync", message.Target);
            Assert.Empty(message.Arguments);
        }

        // Once: retries of the node's request that arrive late are recognised and ignored, so the next message after
        // the node settled is an ordinary one.
        await Eventually.UntilAsync(() => Task.FromResult(node.Resync.IsIdle), idle => idle, TestTimeouts.Recovery, "the node's own request is still pending");
        Assert.Equal(1, node.Resync.RequestsAnswered);
        await AssertFlowsAsync(() => _two.Manager.SendAllAsync("After", ["settled"]), first, "After", nothingElse: true);
        Assert.Equal(1, node.Resync.RequestsAnswered);
    }

    [Fact]
    public async Task SendsOneNodeCouldNotPublishMakeTheConnectionsOfEveryNodeResync()
    {
        // Node one reaches Redis through a relay the test cuts; node two, connected directly, sees no fault at all,
        // yet its connections missed what node one failed to publish.
        await using var relay = TcpRelay.Start(_redis.Port);
        var prefix = BackplaneNode.NewPrefix();
        await using var one = await BackplaneNode.StartAsync(_redis.ConnectionStringThrough(relay), prefix, WithResync);
        await using var two = await BackplaneNode.StartAsync(_redis.ConnectionString, prefix, WithResync);
        var onOne = await one.ConnectAsync();
        var onTwo = await two.ConnectAsync();

        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        one.Connection.ConnectionFailed += (_, _) => failed.TrySetResult();
        relay.Cut();
        await failed.Task.WaitAsync(TestTimeouts.Default);
        await one.Manager.SendAllAsync("Lost", ["while cut off"]).WaitAsync(TestTimeouts.Default);
        relay.Restore();

        foreach (var client in new[] { onTwo, onOne })
        {
            var message = await client.ReadAsync(TestTimeouts.Recovery);
            Assert.Equal("Resync", message.Target);
        }
    }

    [Fact]
    public async Task ANewNodeDeliversToItsFirstConnectionAtOnce()
    {
        // No settling time: a connection's channel is subscribed on Redis before OnConnectedAsync returns.
        for (var round = 0; round < 5; round++)
        {
            await using var fresh = await BackplaneNode.StartAsync(_redis.ConnectionString, _prefix, FastRepair);
            var client = await fresh.ConnectAsync();
            await _one.Manager.SendConnectionAsync(client.ConnectionId, "Hello", [round]).WaitAsync(TestTimeouts.Default);
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.ReadAsync()).FirstArgument);
        }
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownServesEveryChannelOnceRedisIsUp()
    {
        // A deployment may start a node before its Redis (compose, a rolling restart of both). The node's node
        // channels (all, group commands, acks) must be subscribed once Redis comes, not given up at start.
        await _redis.KillAsync();
        await using var late = await BackplaneNode.StartAsync(_redis.ConnectionString, _prefix, FastRepair);
        await _redis.RestartAsync();

        var onLate = await WhenRedisAnswersAsync(() => late.ConnectAsync());
        await WhenRedisAnswersAsync(async () =>
        {
            await _one.Manager.AddToGroupAsync(onLate.ConnectionId, "late-room").WaitAsync(TestTimeouts.Default);
            return true;
        });

        await AssertFlowsAsync(() => _one.Manager.SendGroupAsync("late-room", "Group", ["g"]), onLate, "Group");
        await AssertFlowsAsync(() => _one.Manager.SendAllAsync("All", ["a"]), onLate, "All");
    }

    [Fact]
    public async Task AnUnreadableMessageDoesNotStopItsChannel()
    {
        var onTwo = await _two.ConnectAsync();

        // A message no node can read: every node fails to parse it, and the channel keeps flowing.
        await _one.Connection.Multiplexer.GetSubscriber()
            .PublishAsync(StackExchange.Redis.RedisChannel.Literal(_one.ChannelOf("all")[(_prefix.Length + 1)..]), new byte[] { 99, 1, 2, 3 })
            .WaitAsync(TestTimeouts.Default);
        await _one.Manager.SendAllAsync("After", ["garbage"]).WaitAsync(TestTimeouts.Default);

        Assert.Equal("garbage", (await onTwo.ReadAsync()).FirstArgument);
    }

    private static void WithResync(RedisBackplaneOptions options)
    {
        FastRepair(options);
        options.ResyncMethod = "Resync";
    }

    private static void FastRepair(RedisBackplaneOptions options)
    {
        options.PublishTimeout = TimeSpan.FromSeconds(1);
        options.AckTimeout = TimeSpan.FromSeconds(1);
        options.ResyncRetryInterval = TimeSpan.FromMilliseconds(250);
    }

    /// Each multiplexer reconnects on its own schedule; until it has, connections and group commands fail with
    /// <see cref="IOException"/> (never half-done), so the step is tried again until it succeeds.
    private static async Task<T> WhenRedisAnswersAsync<T>(Func<Task<T>> step)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            try
            {
                return await step();
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// Sends until one message reaches <paramref name="client"/>; each attempt waits a bounded time; the whole is bounded.
    /// Other messages before it are skipped, or fail the test when <paramref name="nothingElse"/> is set.
    private static async Task AssertFlowsAsync(Func<Task> send, TestClient client, string target, bool nothingElse = false)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            await send().WaitAsync(TestTimeouts.Default);
            try
            {
                var message = await client.ReadAsync(TimeSpan.FromMilliseconds(300));
                if (message.Target == target)
                {
                    // Later attempts may still arrive; drain what is already there so the next check starts clean.
                    while (client.TryRead() is not null)
                    {
                    }

                    return;
                }

                Assert.False(nothingElse, $"'{message.Target}' arrived before '{target}'.");
            }
            catch (TimeoutException) when (!deadline.IsCancellationRequested)
            {
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No '{target}' message reached the client within {TestTimeouts.Recovery}.");
            }
        }
    }
}

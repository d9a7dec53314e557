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
        _one = BackplaneNode.Start(_redis.ConnectionString, _prefix, FastRepair);
        _two = BackplaneNode.Start(_redis.ConnectionString, _prefix, FastRepair);
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
        await _redis.KillAsync();

        await _one.Manager.SendAllAsync("Lost", ["down"]).WaitAsync(TestTimeouts.Default);
        await _one.Manager.SendGroupsAsync(["a", "b"], "Lost", ["down"]).WaitAsync(TestTimeouts.Default);
        await Assert.ThrowsAsync<IOException>(() => _one.Manager.AddToGroupAsync(onTwo.ConnectionId, "room").WaitAsync(TestTimeouts.Default));
        await Assert.ThrowsAsync<IOException>(
            () => _one.Manager.InvokeConnectionAsync<int>(onTwo.ConnectionId, "Ask", [], CancellationToken.None).WaitAsync(TestTimeouts.Default));

        // A connection arriving during the outage is accepted and local sends still work.
        var late = await _one.ConnectAsync();
        await _one.Manager.SendConnectionAsync(late.ConnectionId, "Local", ["ok"]).WaitAsync(TestTimeouts.Default);
        Assert.Equal("ok", (await late.ReadAsync()).FirstArgument);
        Assert.True(_one.Metrics.PublishFailuresTotal > 0);

        // Its subscriptions were recorded while Redis was down and are made once it is back.
        await _redis.RestartAsync();
        await AssertFlowsAsync(() => _two.Manager.SendConnectionAsync(late.ConnectionId, "Remote", ["back"]), late, "Remote");
    }

    [Fact]
    public async Task SendsWhileRedisIsUnresponsiveGiveUpAfterThePublishTimeout()
    {
        var onTwo = await _two.ConnectAsync();
        var failuresBefore = _one.Metrics.PublishFailuresTotal;

        // Redis stays connected but holds every PUBLISH for 60 s (WRITE mode still lets CLIENT UNPAUSE through):
        // without a bound, the calls below would outlast their 10 s test bound. With PublishTimeout = 1 s they
        // return (send) or throw (group command).
        await _redis.ExecuteAsync("CLIENT", "PAUSE", "60000", "WRITE");
        try
        {
            await _one.Manager.SendAllAsync("Lost", ["paused"]).WaitAsync(TestTimeouts.Default);
            await Assert.ThrowsAsync<IOException>(() => _one.Manager.AddToGroupAsync(onTwo.ConnectionId, "room").WaitAsync(TestTimeouts.Default));
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
    public async Task SilentlyLostSubscriptionsAreRenewedByTheProbe()
    {
        var onTwo = await _two.ConnectAsync();
        var resubscriptionsBefore = _two.Metrics.ResubscriptionsTotal;

        // Simulates the 1.x failure mode: the multiplexer forgets the subscriptions while the node still believes in them.
        await _two.Connection.Multiplexer.GetSubscriber().UnsubscribeAllAsync().WaitAsync(TestTimeouts.Default);

        await AssertFlowsAsync(() => _one.Manager.SendAllAsync("All", ["repaired"]), onTwo, "All");
        Assert.True(_two.Metrics.ResubscriptionsTotal > resubscriptionsBefore);
    }

    [Fact]
    public async Task AfterRedisCameBackEveryLocalConnectionIsAskedToResyncOnce()
    {
        await using var node = BackplaneNode.Start(_redis.ConnectionString, _prefix, options =>
        {
            FastRepair(options);
            options.ResyncMethod = "Resync";
        });
        var first = await node.ConnectAsync("ada");
        var second = await node.ConnectAsync();

        // A node that has only just started lost nothing: no resync for its first connections.
        await node.Manager.Repair.NextHealthyProbe.WaitAsync(TestTimeouts.Default);
        Assert.Null(first.TryRead());

        await _redis.KillAsync();
        await _redis.RestartAsync();

        foreach (var client in new[] { first, second })
        {
            var message = await client.ReadAsync(TestTimeouts.Recovery);
            Assert.Equal("Resync", message.Target);
            Assert.Empty(message.Arguments);
        }

        // Once: the next proved probe finds nothing lost and asks for nothing.
        await node.Manager.Repair.NextHealthyProbe.WaitAsync(TestTimeouts.Default);
        await node.Manager.Repair.NextHealthyProbe.WaitAsync(TestTimeouts.Default);
        Assert.Null(first.TryRead());
        Assert.Null(second.TryRead());
    }

    [Fact]
    public async Task SendsOneNodeCouldNotPublishMakeTheConnectionsOfEveryNodeResync()
    {
        // Node one reaches Redis through a relay the test cuts; node two, connected directly, sees no fault at all,
        // yet its connections missed what node one failed to publish.
        await using var relay = TcpRelay.Start(_redis.Port);
        var prefix = BackplaneNode.NewPrefix();
        await using var one = BackplaneNode.Start(_redis.ConnectionStringThrough(relay), prefix, WithResync);
        await using var two = BackplaneNode.Start(_redis.ConnectionString, prefix, WithResync);
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

        static void WithResync(RedisBackplaneOptions options)
        {
            FastRepair(options);
            options.ResyncMethod = "Resync";
        }
    }

    [Fact]
    public async Task OneLateProbeOnASlowNodeDoesNotRenewSubscriptions()
    {
        // Renewing drops messages for a moment, so a probe that is only late must not trigger it.
        await using var node = BackplaneNode.Start(_redis.ConnectionString, BackplaneNode.NewPrefix(), options =>
        {
            options.SubscriptionProbeInterval = TimeSpan.FromMilliseconds(500);
            options.SubscriptionProbeTimeout = TimeSpan.FromSeconds(3);
        });
        await using var client = await node.ConnectAsync();
        var resubscriptionsBefore = node.Metrics.ResubscriptionsTotal;
        var slow = node.Logs.WaitForAsync(e => e.EventId.Id == 22);

        // Every PUBLISH is held until the node has noticed one probe missing; then the held probes arrive, late.
        await _redis.ExecuteAsync("CLIENT", "PAUSE", "60000", "WRITE");
        try
        {
            await slow.WaitAsync(TestTimeouts.Default);
        }
        finally
        {
            await _redis.ExecuteAsync("CLIENT", "UNPAUSE");
        }

        await node.Manager.Repair.NextHealthyProbe.WaitAsync(TestTimeouts.Default);
        Assert.Equal(resubscriptionsBefore, node.Metrics.ResubscriptionsTotal);
    }

    [Fact]
    public async Task ANewNodeDeliversToItsFirstConnectionAtOnce()
    {
        // No settling time: the first connection of a node is served only after a probe proved its subscriptions.
        for (var round = 0; round < 5; round++)
        {
            await using var fresh = BackplaneNode.Start(_redis.ConnectionString, _prefix, FastRepair);
            var client = await fresh.ConnectAsync();
            await _one.Manager.SendConnectionAsync(client.ConnectionId, "Hello", [round]).WaitAsync(TestTimeouts.Default);
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.ReadAsync()).FirstArgument);
        }
    }

    [Fact]
    public async Task ThrowingHandlerIsLoggedAndTheChannelKeepsFlowing()
    {
        var onTwo = await _two.ConnectAsync();
        var logged = _two.Logs.WaitForAsync(e => e.EventId.Id == 6 && e.Message.Contains(":all", StringComparison.Ordinal));

        // A message this version cannot read makes the handler throw on every node.
        await _one.Connection.Multiplexer.GetSubscriber()
            .PublishAsync(_one.Manager.Channels.All, new byte[] { 99, 1, 2, 3 })
            .WaitAsync(TestTimeouts.Default);
        await _one.Manager.SendAllAsync("After", ["garbage"]).WaitAsync(TestTimeouts.Default);

        Assert.Equal("garbage", (await onTwo.ReadAsync()).FirstArgument);
        var entry = await logged.WaitAsync(TestTimeouts.Default);
        Assert.IsType<InvalidDataException>(entry.Exception);
    }

    private static void FastRepair(RedisBackplaneOptions options)
    {
        options.SubscriptionProbeInterval = TimeSpan.FromMilliseconds(500);
        options.SubscriptionProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.PublishTimeout = TimeSpan.FromSeconds(1);
    }

    /// Sends until one message reaches <paramref name="client"/>; each attempt waits a bounded time; the whole is bounded.
    private static async Task AssertFlowsAsync(Func<Task> send, TestClient client, string target)
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

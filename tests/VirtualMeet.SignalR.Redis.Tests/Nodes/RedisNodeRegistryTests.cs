using VirtualMeet.SignalR.Redis.Nodes;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Nodes;

public sealed class RedisNodeRegistryTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private BackplaneNode _one = null!;
    private BackplaneNode _two = null!;

    public ValueTask InitializeAsync()
    {
        _one = BackplaneNode.Start(redis.Server.ConnectionString, _prefix);
        _two = BackplaneNode.Start(redis.Server.ConnectionString, _prefix);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    [Fact]
    public async Task HeartbeatListsTheNodeAsLiveWithItsConnectionCount()
    {
        await _one.ConnectAsync();
        await _one.ConnectAsync();

        await _one.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        await _two.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var live = await _two.Registry.GetLiveNodesAsync().WaitAsync(TestTimeouts.Default);

        var one = Assert.Single(live, n => n.NodeId == _one.Registry.NodeId);
        Assert.Equal(2, one.ConnectionCount);
        Assert.Equal(Environment.MachineName, one.HostName);
        Assert.Contains(live, n => n.NodeId == _two.Registry.NodeId);
        Assert.Equal(_one.Manager.ServerName, _one.Registry.NodeId);
    }

    [Fact]
    public async Task HeartbeatExpiresAfterTheNodeTimeout()
    {
        await _one.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);

        var key = new RedisNodeKeys(_prefix + ":nodes:").Heartbeat(_one.Registry.NodeId);
        var ttl = long.Parse((await redis.Server.ExecuteAsync("PTTL", key.ToString())).Text!);
        Assert.InRange(ttl, 1, (long)new RedisBackplaneOptions().NodeTimeout.TotalMilliseconds);
        Assert.True(new RedisBackplaneOptions().NodeTimeout + new RedisBackplaneOptions().NodeHeartbeatInterval <= TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task DeadNodeIsReapedOnceBySurvivorsAndHandlersRun()
    {
        await _one.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        await _two.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var reapedBy = new List<string>();
        _two.Registry.OnDeadNode((nodeId, _) =>
        {
            lock (reapedBy) reapedBy.Add(nodeId);
            return Task.CompletedTask;
        });

        // Node one "crashes": its heartbeat key disappears as if its time to live ran out.
        var key = new RedisNodeKeys(_prefix + ":nodes:").Heartbeat(_one.Registry.NodeId);
        await redis.Server.ExecuteAsync("DEL", key.ToString());

        Assert.Equal([_one.Registry.NodeId], await _two.Registry.GetDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([_one.Registry.NodeId], await _two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Empty(await _two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Empty(await _two.Registry.GetDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([_one.Registry.NodeId], reapedBy);
    }

    [Fact]
    public async Task FailingDeadNodeHandlerLeavesTheNodeToBeReapedAgain()
    {
        await _one.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var attempts = 0;
        _two.Registry.OnDeadNode((_, _) => ++attempts == 1 ? throw new InvalidOperationException("store down") : Task.CompletedTask);
        var key = new RedisNodeKeys(_prefix + ":nodes:").Heartbeat(_one.Registry.NodeId);
        await redis.Server.ExecuteAsync("DEL", key.ToString());

        Assert.Empty(await _two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([_one.Registry.NodeId], await _two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal(2, attempts);
    }
}

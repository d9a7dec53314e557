using System.Globalization;
using VirtualMeet.SignalR.Redis.Nodes;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Nodes;

public sealed class RedisNodeRegistryTests(SharedRedis redis) : TwoNodesOnSharedRedis(redis)
{
    [Fact]
    public async Task HeartbeatListsTheNodeAsLiveWithItsConnectionCount()
    {
        await One.ConnectAsync();
        await One.ConnectAsync();

        await One.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        await Two.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var live = await Two.Registry.GetLiveNodesAsync().WaitAsync(TestTimeouts.Default);

        var one = Assert.Single(live, n => n.NodeId == One.Registry.NodeId);
        Assert.Equal(2, one.ConnectionCount);
        Assert.Equal(Environment.MachineName, one.HostName);
        Assert.Contains(live, n => n.NodeId == Two.Registry.NodeId);
        Assert.Equal(One.ServerName, One.Registry.NodeId);
    }

    [Fact]
    public async Task HeartbeatExpiresAfterTheNodeTimeout()
    {
        await One.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);

        var key = new RedisNodeKeys(Prefix + ":nodes:").Heartbeat(One.Registry.NodeId);
        var ttl = long.Parse((await Redis.Server.ExecuteAsync("PTTL", key.ToString())).Text!, CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 1, (long)new RedisBackplaneOptions().NodeTimeout.TotalMilliseconds);
        Assert.True(new RedisBackplaneOptions().NodeTimeout + new RedisBackplaneOptions().NodeHeartbeatInterval <= TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task DeadNodeIsReapedOnceBySurvivorsAndHandlersRun()
    {
        await One.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        await Two.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var reapedBy = new List<string>();
        Two.Registry.OnDeadNode((nodeId, _) =>
        {
            lock (reapedBy) reapedBy.Add(nodeId);
            return Task.CompletedTask;
        });

        // Node one "crashes": its heartbeat key disappears as if its time to live ran out.
        var key = new RedisNodeKeys(Prefix + ":nodes:").Heartbeat(One.Registry.NodeId);
        await Redis.Server.ExecuteAsync("DEL", key.ToString());

        Assert.Equal([One.Registry.NodeId], await Two.Registry.GetDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([One.Registry.NodeId], await Two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Empty(await Two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Empty(await Two.Registry.GetDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([One.Registry.NodeId], reapedBy);
    }

    [Fact]
    public async Task FailingDeadNodeHandlerLeavesTheNodeToBeReapedAgain()
    {
        await One.Registry.HeartbeatAsync().WaitAsync(TestTimeouts.Default);
        var attempts = 0;
        Two.Registry.OnDeadNode((_, _) => ++attempts == 1 ? throw new InvalidOperationException("store down") : Task.CompletedTask);
        var key = new RedisNodeKeys(Prefix + ":nodes:").Heartbeat(One.Registry.NodeId);
        await Redis.Server.ExecuteAsync("DEL", key.ToString());

        Assert.Empty(await Two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal([One.Registry.NodeId], await Two.Registry.ReapDeadNodesAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal(2, attempts);
    }
}

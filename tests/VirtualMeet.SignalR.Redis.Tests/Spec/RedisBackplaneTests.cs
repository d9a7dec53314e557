using Microsoft.AspNetCore.SignalR;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

/// <summary>
/// The single-node and the two-node specification against the Redis backplane nodes run (the official manager under
/// <see cref="ResyncingHubLifetimeManager{THub}"/>), nodes sharing one redis-server.
/// </summary>
public sealed class RedisBackplaneTests(SharedRedis redis) : RedisSpecNodes(redis, BackplaneNode.UnderTest);

public abstract class RedisSpecNodes(SharedRedis redis, Backplane backplane) : ScaleoutHubLifetimeManagerSpec
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private readonly List<BackplaneNode> _nodes = [];

    protected override async Task<HubLifetimeManager<TestHub>> CreateManagerAsync()
    {
        var node = await BackplaneNode.StartAsync(
            redis.Server.ConnectionString, _prefix, options => options.ClientResultTimeout = TimeSpan.FromSeconds(3), backplane);
        _nodes.Add(node);
        return node.Manager;
    }

    // The official manager's owning node does not report a leaving connection to the caller (docs/backplane.md).
    protected override bool ClientResultFailsAtOnceWhenItsConnectionLeavesAnotherNode => false;

    protected override long PublishedBy(HubLifetimeManager<TestHub> manager) =>
        _nodes.Single(n => ReferenceEquals(n.Manager, manager)).RedisOperations;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

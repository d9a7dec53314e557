using Microsoft.AspNetCore.SignalR;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

/// <summary>The single-node and the two-node specification against our manager, nodes sharing one redis-server.</summary>
public sealed class RedisHubLifetimeManagerTests(SharedRedis redis) : ScaleoutHubLifetimeManagerSpec
{
    private readonly string _prefix = BackplaneNode.NewPrefix();
    private readonly List<BackplaneNode> _nodes = [];

    protected override HubLifetimeManager<TestHub> CreateManager()
    {
        var node = BackplaneNode.Start(redis.Server.ConnectionString, _prefix);
        _nodes.Add(node);
        return node.Manager;
    }

    protected override long PublishedBy(HubLifetimeManager<TestHub> manager) =>
        _nodes.Single(n => ReferenceEquals(n.Manager, manager)).Metrics.PublishedTotal;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.SignalR.Redis;
using VirtualMeet.SignalR.Redis.Nodes;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// This node among the nodes serving one event, for cluster-wide state that connections own (presence seats).
/// With the Redis backplane the node registry decides which nodes live; without it this node is the only one.
/// </summary>
public sealed class ClusterNode(NodeIdentity identity, IServiceProvider services, IOptions<RedisBackplaneOptions> backplane)
{
    // Resolved here: the registry exists only with the Redis backplane.
    private readonly RedisNodeRegistry? _registry = services.GetService<RedisNodeRegistry>();

    /// <summary>The id under which this node owns connections: the backplane's server name, else the node name.</summary>
    public string Id => _registry?.NodeId ?? identity.Name;

    /// <summary>How long a node may miss heartbeats before it counts as dead.</summary>
    public TimeSpan NodeTimeout => backplane.Value.NodeTimeout;

    /// <summary>The ids of the live nodes, this one included; null when this node is the only one.</summary>
    /// <remarks>A failure throws rather than returning an empty list, which would free everybody's seats.</remarks>
    public async Task<IReadOnlyCollection<string>?> LiveNodeIdsAsync(CancellationToken cancellationToken)
    {
        if (_registry is null)
            return null;

        var live = await _registry.GetLiveNodesAsync(cancellationToken);
        return [.. live.Select(n => n.NodeId).Append(Id).Distinct(StringComparer.Ordinal)];
    }
}

using StackExchange.Redis;

namespace VirtualMeet.SignalR.Redis.Nodes;

/// Every node registry key is built here. All of them share one hash tag, "{nodes}", so that multi-key commands
/// (MGET over heartbeats) stay valid on Redis Cluster.
internal sealed class RedisNodeKeys(string prefix)
{
    /// The set of every node that has registered and not yet been reaped.
    public RedisKey Members => prefix + "{nodes}:members";

    /// A node's heartbeat; it expires when the node stops writing it.
    public RedisKey Heartbeat(string nodeId) => prefix + "{nodes}:heartbeat:" + nodeId;

    /// Taken by the one surviving node that reaps a dead node, so handlers run on one node at a time.
    public RedisKey ReapLock(string nodeId) => prefix + "{nodes}:reaping:" + nodeId;
}

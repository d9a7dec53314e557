using VirtualMeet.Server.Hosting;
using VirtualMeet.SignalR.Redis.Nodes;

namespace VirtualMeet.Server.Presence;

/// <summary>
/// The id under which this node owns presence connections: the backplane's server name when the node
/// registry runs (so the registry's view of live nodes decides whose seats to free), else the node name.
/// </summary>
internal sealed class PresenceNode(NodeIdentity identity, IServiceProvider services)
{
    public string Id { get; } = services.GetService<RedisNodeRegistry>()?.NodeId ?? identity.Name;
}

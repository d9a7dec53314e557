using VirtualMeet.Contracts;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.SignalR.Redis.Nodes;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// What operators look at when something is off: which nodes are alive, which backplane runs, and a probe hub
/// that proves a message crosses nodes. Organizer-only.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static WebApplication MapDiagnosticsEndpoints(this WebApplication app)
    {
        app.MapGet("/api/diagnostics/nodes", async (IServiceProvider services, NodeIdentity node, CancellationToken cancellationToken) =>
            {
                var registry = services.GetService<RedisNodeRegistry>();
                if (registry is null)
                {
                    return TypedResults.Ok(new NodesResponse("InMemory", node.Name, [new LiveNode(node.Name, Environment.MachineName, null, null, null)]));
                }

                var nodes = await registry.GetLiveNodesAsync(cancellationToken);
                return TypedResults.Ok(new NodesResponse("Redis", node.Name,
                    [.. nodes.Select(n => new LiveNode(n.NodeId, n.HostName, n.StartedAt, n.LastHeartbeat, n.ConnectionCount))]));
            })
            .WithName("ListNodes")
            .WithTags("Diagnostics")
            .RequireAuthorization(Policies.Organizer);

        app.MapRealtimeHub<ClusterProbeHub>(HubRoutes.Diagnostics);
        return app;
    }

    public sealed record NodesResponse(string Backplane, string ThisNode, IReadOnlyList<LiveNode> Nodes);

    public sealed record LiveNode(string Name, string HostName, DateTimeOffset? StartedAt, DateTimeOffset? LastHeartbeat, long? Connections);
}

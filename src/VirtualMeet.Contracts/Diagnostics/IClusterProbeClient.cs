namespace VirtualMeet.Contracts.Diagnostics;

/// <summary>Server-to-client calls of the cluster probe hub at <see cref="HubRoutes.Diagnostics"/>.</summary>
public interface IClusterProbeClient
{
    /// <summary>A probe sent to a group the connection joined, from whichever node the sender is on.</summary>
    Task ProbeReceived(ClusterProbe probe);
}

/// <summary>A probe message: which node sent it, which node delivered it, and when it was sent.</summary>
public sealed record ClusterProbe(string Group, string Text, string SentByNode, DateTimeOffset SentAt);

/// <summary>Which node a connection is served by.</summary>
public sealed record ProbeNodeInfo(string Node, string ConnectionId);

namespace VirtualMeet.SignalR.Redis.Nodes;

/// <summary>What a node publishes about itself in its heartbeat.</summary>
/// <param name="NodeId">The node's backplane server name.</param>
/// <param name="HostName">The machine the node runs on.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="ConnectionCount">Hub connections the node held at its last heartbeat.</param>
/// <param name="LastHeartbeat">When the node last wrote its heartbeat.</param>
public sealed record NodeInfo(string NodeId, string HostName, DateTimeOffset StartedAt, long ConnectionCount, DateTimeOffset LastHeartbeat);

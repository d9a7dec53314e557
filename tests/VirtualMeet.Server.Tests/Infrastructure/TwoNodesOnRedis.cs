using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>A private redis-server and two nodes on it (backplane and stores), shared by the tests of a class.</summary>
public class TwoNodesOnRedis() : ClusterFixture(2, Backplane.Redis)
{
    public RedisServer Redis => Cluster.Redis;

    public VirtualMeetNode A => Cluster.Nodes[0];

    public VirtualMeetNode B => Cluster.Nodes[1];

    /// <summary>A third node in its own process, with the same settings, for a test to kill (<see cref="ServerProcess.Crash"/>).</summary>
    public Task<ServerProcess> StartProcessAsync() => Cluster.StartProcessAsync();
}

/// <summary>A dead node is noticed within about two seconds instead of ten, and reaped a quarter second later.</summary>
public sealed class TwoNodesOnRedisWithFastNodeTimeout : TwoNodesOnRedis
{
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Realtime:Redis:NodeHeartbeatInterval"] = "00:00:00.500",
        ["Realtime:Redis:NodeTimeout"] = "00:00:02",
        ["Presence:ReapInterval"] = "00:00:00.250",
    };
}

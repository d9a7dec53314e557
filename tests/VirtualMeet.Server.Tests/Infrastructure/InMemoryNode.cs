using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>One in-memory node shared by the tests of a class; each test makes its own event.</summary>
public class InMemoryNode() : ClusterFixture(1, Backplane.InMemory)
{
    public VirtualMeetNode Node => Cluster.Nodes[0];

    public HttpClient CreateClient() => Node.CreateClient();
}

/// <summary>A bar seat is freed the moment its connection drops: no reconnect grace to wait out.</summary>
public sealed class InMemoryNodeWithoutBarGrace : InMemoryNode
{
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Bars:ReconnectGraceSeconds"] = "0",
    };
}

/// <summary>Reactions and chat get a long window, so "the eleventh is refused" never races the clock.</summary>
public sealed class InMemoryNodeWithLongRateWindows : InMemoryNode
{
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:Rules:reactions:WindowSeconds"] = "600",
        ["RateLimits:Rules:chat:WindowSeconds"] = "600",
    };
}

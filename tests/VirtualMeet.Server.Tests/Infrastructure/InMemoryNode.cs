using System.Globalization;
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

/// <summary>
/// The budgets of expensive calls (stage joins, bar entries, table finds and hops, hands) allow two or three calls in
/// a long window, so "the next one is refused" never races the clock.
/// </summary>
public sealed class InMemoryNodeWithSmallBudgets : InMemoryNode
{
    public const int StageJoins = 2;
    public const int BarEntries = 2;
    public const int TableFinds = 2;
    public const int TableJoins = 3;
    public const int Hands = 2;

    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Bars:ReconnectGraceSeconds"] = "0",
        ["RateLimits:Rules:stage-joins:PermitLimit"] = StageJoins.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Rules:stage-joins:WindowSeconds"] = "600",
        ["RateLimits:Rules:bar-entries:PermitLimit"] = BarEntries.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Rules:bar-entries:WindowSeconds"] = "600",
        ["RateLimits:Rules:table-finds:PermitLimit"] = TableFinds.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Rules:table-finds:WindowSeconds"] = "600",
        ["RateLimits:Rules:table-joins:PermitLimit"] = TableJoins.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Rules:table-joins:WindowSeconds"] = "600",
        ["RateLimits:Rules:hands:PermitLimit"] = Hands.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:Rules:hands:WindowSeconds"] = "600",
    };
}

using System.Globalization;

namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// What the report measures side by side in one run; the baseline hub only for the memory of a held connection.
/// </summary>
internal enum Setup
{
    /// <summary>One VirtualMeet node, in-memory stores and SignalR's in-memory manager: the reference of every ratio.</summary>
    InMemory,

    /// <summary>Two VirtualMeet nodes on Redis, SignalR's official Redis backplane under the resync layer (<c>Realtime:Backplane=Redis</c>).</summary>
    OfficialRedis,

    /// <summary>A plain SignalR hub without app logic (tools/VirtualMeet.BaselineHub), one process.</summary>
    BaselineHub,
}

internal static class SetupNames
{
    /// <summary>The setups on Redis, in the order their columns appear.</summary>
    public static readonly Setup[] OnRedis = [Setup.OfficialRedis];

    /// <summary>How the report and the progress lines name a setup; <paramref name="nodes"/> applies to the Redis setups.</summary>
    public static string Name(this Setup setup, int nodes = 2) => setup switch
    {
        Setup.InMemory => "in-memory, 1 node",
        Setup.OfficialRedis => string.Create(CultureInfo.InvariantCulture, $"official Redis, {nodes} nodes"),
        Setup.BaselineHub => "baseline hub, 1 process",
        _ => throw new ArgumentOutOfRangeException(nameof(setup)),
    };

    /// <summary>The value of <c>Realtime:Backplane</c> that selects the setup's manager.</summary>
    public static string BackplaneSetting(this Setup setup) => setup switch
    {
        Setup.OfficialRedis => "Redis",
        _ => "InMemory",
    };
}

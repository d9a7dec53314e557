namespace VirtualMeet.Server.Tests.Architecture;

/// <summary>The cycle finder the layer rules rely on, on graphs small enough to check by eye.</summary>
public sealed class DependencyCyclesTests
{
    [Fact]
    public void ALayeredGraphHasNoCycle()
    {
        var uses = Graph(("bars", ["matchmaking", "events"]), ("matchmaking", ["events"]), ("events", []));
        Assert.Null(DependencyCycles.Find(uses));
    }

    [Fact]
    public void TwoFeaturesUsingEachOtherAreACycle()
    {
        var uses = Graph(("bars", ["matchmaking"]), ("matchmaking", ["events", "bars"]), ("events", []));
        Assert.Equal(["bars", "matchmaking", "bars"], DependencyCycles.Find(uses));
    }

    [Fact]
    public void ALongCycleIsFoundWhereverItStarts()
    {
        var uses = Graph(("a", ["b"]), ("b", ["c"]), ("c", ["d"]), ("d", ["b"]));
        Assert.Equal(["b", "c", "d", "b"], DependencyCycles.Find(uses));
    }

    private static Dictionary<string, IReadOnlyList<string>> Graph(params (string Module, string[] Uses)[] edges) =>
        edges.ToDictionary(e => e.Module, e => (IReadOnlyList<string>)e.Uses);
}

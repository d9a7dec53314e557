using VirtualMeet.LoadTest;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Tests;

/// <summary>
/// The report's newer setups, small: the baseline hub and the hold split over child processes of the tool. Both
/// fail the report's full run only after many minutes, so their plumbing is proven here in seconds.
/// </summary>
public sealed class ReportSetupsSmokeTests
{
    [Fact]
    public async Task TheBaselineHubHoldsAnonymousConnectionsAndReportsTheirMemory()
    {
        Progress.Quiet = true;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var baseline = await LocalCluster.StartBaselineAsync(cancellationToken);

        var soak = await SoakScenario.RunBaselineAsync(baseline, 100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), cancellationToken);

        Assert.Equal(0, soak.Failures);
        Assert.Equal(100, soak.Held);
        Assert.NotNull(soak.BytesPerConnection);
    }

    [Fact]
    public async Task TwoLoadToolProcessesTogetherHoldEveryConnectionOnTwoNodes()
    {
        Progress.Quiet = true;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);

        var hold = await SplitHoldScenario.RunAsync(cluster, connections: 200, processes: 2, TimeSpan.FromSeconds(2), cancellationToken);

        Assert.Equal(0, hold.Failures);
        Assert.Equal(200, hold.Held);
        Assert.Equal(200, hold.LowestHeld);
    }
}

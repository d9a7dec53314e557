using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Tests;

/// <summary>
/// The load tool's stalled-reader comparison, small: every push path on two server processes sharing a private Redis,
/// measured without and with a reader that stopped reading in the same room. Asserts delivery, never speed.
/// </summary>
public sealed class StalledSmokeTests
{
    private const int Watchers = 20;
    private const int Actions = 10;

    // Delivery only: no need to let the node finish its answers to the prefill before the pushes.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task EveryPushPathReachesEveryWatcherWithAndWithoutAStalledReader()
    {
        Progress.Quiet = true;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);

        var results = await StalledScenario.RunAsync(cluster.Deployment, Watchers, stalledReaders: 1, Actions, rounds: 1, Settle, cancellationToken);

        Assert.Equal(PushPath.All().Select(p => p.Name), results.Select(r => r.Path));
        foreach (var result in results)
        {
            Assert.Equal((Watchers, 1, 0), (result.Watchers, result.Stalled, result.Missing));
            Assert.Equal(Watchers * Actions, Assert.Single(result.Without).Samples);
            Assert.Equal(Watchers * Actions, Assert.Single(result.With).Samples);
        }

        Assert.Contains("| poll results |", StalledScenario.Table(results), StringComparison.Ordinal);
    }
}

using VirtualMeet.LoadTest;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Tests;

/// <summary>
/// The load tool's chaos run, small: 300 attendees on two server processes sharing a private Redis; halfway
/// through a poll one node is killed (SIGKILL, no goodbyes), Redis is, or client sockets are dropped. Everything is
/// checked against the store.
/// </summary>
public sealed class ChaosSmokeTests
{
    private const int Attendees = 300;

    [Fact]
    public async Task AKilledNodeLosesNoVoteOverbooksNoSeatAndItsClientsResyncOnTheLiveNode()
    {
        var result = await RunChaosAsync(Fault.KillNode);

        AssertEveryBallotCountedOnce(result);
        // The killed node's clients moved to the live node; every client shows the store's final counts.
        Assert.Equal(Attendees / 2, result.Affected);
        Assert.Equal(Attendees, result.ClientsConnected);
        Assert.Equal(0, result.ClientsOffTruth);

        var seats = Assert.IsType<SeatCheck>(result.Seats);
        Assert.True(seats.SeatedOnDeadNode > 0, "some seats were held through the killed node");
        Assert.NotNull(seats.ReapSeconds);
        Assert.InRange(seats.ReapSeconds.Value, 0, 15);
        Assert.Equal(0, seats.Overbooked);
        Assert.InRange(seats.StoreSeated, 1, seats.Capacity);
        Assert.Equal(0, seats.ViewsOffTruth);
    }

    [Fact]
    public async Task ARedisRestartLosesNoAcknowledgedVoteAndEveryClientEndsOnTheStoresCounts()
    {
        var result = await RunChaosAsync(Fault.RestartRedis);

        AssertEveryBallotCountedOnce(result);
        // Nobody's socket broke, yet pushes of the outage were lost: the nodes' Resync brings every view back.
        Assert.Equal(Attendees, result.ClientsConnected);
        Assert.Equal(0, result.ClientsOffTruth);
    }

    [Fact]
    public async Task DroppedSocketsAreNoticedByTheirClientsWhichReconnectAndLoseNoVote()
    {
        var result = await RunChaosAsync(Fault.DropSockets);

        AssertEveryBallotCountedOnce(result);
        // Every tenth socket aborted without a close frame: each of those clients saw its connection end by itself.
        Assert.Equal(Attendees / 10, result.Affected);
        Assert.Equal(result.Affected, result.NoticedDrop);
        Assert.Equal(Attendees, result.ClientsConnected);
        Assert.Equal(0, result.ClientsOffTruth);
    }

    [Fact]
    public async Task ASeatRushOnTwoNodesFillsExactlyTheCapacityAndEveryViewMatchesTheStore()
    {
        Progress.Quiet = true;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);

        var result = await SeatRushScenario.RunAsync(cluster.Deployment, racers: 200, breakoutSeats: 20, barTables: 10, seatsPerTable: 4, cancellationToken);

        foreach (var rush in new[] { result.Breakout, result.Bar })
        {
            Assert.Equal(rush.Capacity, rush.Seated);
            Assert.Equal(rush.Capacity, rush.StoreSeated);
            Assert.Equal(200 - rush.Capacity, rush.Full);
            Assert.Equal(0, rush.Errors);
            Assert.Equal(0, rush.Overbooked);
            Assert.Equal(0, rush.ViewsOffTruth);
        }
    }

    private static async Task<ChaosResult> RunChaosAsync(Fault fault)
    {
        Progress.Quiet = true;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);
        return await ChaosScenario.RunAsync(cluster, Attendees, fault, cancellationToken);
    }

    /// <summary>Every attendee's ballot is counted exactly once, with the option they chose.</summary>
    private static void AssertEveryBallotCountedOnce(ChaosResult result)
    {
        Assert.Equal(Attendees, result.AttendeesCounted);
        Assert.Equal(Attendees, result.StoreVoters);
        Assert.True(result.CountsExact, "the store's per-option counts equal one ballot per attendee");
    }
}

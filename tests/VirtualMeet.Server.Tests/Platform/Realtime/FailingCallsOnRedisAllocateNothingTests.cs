using System.Globalization;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Validate before allocating, on two nodes over one Redis: failing calls on both nodes create no key and no
/// pub/sub channel (each SignalR group on Redis is a SUBSCRIBE). 2,000 calls rather than 10,000 to keep the run short:
/// a leak per call would show as 2,000 keys or channels, and the bound is zero.
/// </summary>
public sealed class FailingCallsOnRedisAllocateNothingTests(TwoNodesOnRedis fixture, ITestOutputHelper output)
    : IClassFixture<TwoNodesOnRedis>
{
    private const int Calls = 2_000;

    [Fact]
    public async Task FailingCallsOnTwoNodesLeaveKeysAndChannelsAsTheyWere()
    {
        var stage = await StageTestClient.WithNewEventAsync(fixture.A);
        await using var callers = await FailingCallers.ConnectAsync(stage, fixture.A, fixture.B);
        // Once each first: the real caller's budgets (the poll-watch log, the address's sign-up log) exist from then on.
        await callers.RunEachOnceAsync();
        var (keysBefore, channelsBefore) = await CountAsync();

        await callers.RunAsync(Calls);
        var (keysAfter, channelsAfter) = await CountAsync();

        Assert.Empty(callers.Unexpected);
        Assert.Empty(fixture.A.GetRequiredService<ConnectionGroups>().Names());
        Assert.Empty(fixture.B.GetRequiredService<ConnectionGroups>().Names());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Calls} failing calls on two nodes: DBSIZE {keysBefore} -> {keysAfter}, pub/sub channels {channelsBefore} -> {channelsAfter}"));
        Assert.True(keysAfter <= keysBefore, $"DBSIZE grew from {keysBefore} to {keysAfter}.");
        Assert.True(channelsAfter <= channelsBefore, $"Pub/sub channels grew from {channelsBefore} to {channelsAfter}.");
    }

    private async Task<(long Keys, int Channels)> CountAsync()
    {
        var keys = long.Parse((await fixture.Redis.ExecuteAsync("DBSIZE")).Text!, CultureInfo.InvariantCulture);
        var channels = (await fixture.Redis.ExecuteAsync("PUBSUB", "CHANNELS", "*")).Items!.Count;
        return (keys, channels);
    }
}

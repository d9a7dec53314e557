using System.Globalization;
using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Networking.Bars;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Validate before allocating: 10,000 calls that fail (made-up event, session, table, poll and participant ids,
/// malformed ids, events the token is not for) across every hub method and the main REST endpoints leave no
/// group behind and no memory held. Alone in its collection, so other tests' allocations do not blur the figure.
/// </summary>
[Collection(nameof(FailingCallsAllocateNothingTests))]
[CollectionDefinition(nameof(FailingCallsAllocateNothingTests), DisableParallelization = true)]
public sealed class FailingCallsAllocateNothingTests(ITestOutputHelper output)
{
    private const int Calls = 10_000;

    /// <summary>What the managed heap may grow by (docs/security.md, "Validate before allocating").</summary>
    private const long MaxGrowthBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task TenThousandFailingCallsJoinNoGroupAndHoldNoMemory()
    {
        await using var node = await VirtualMeetNode.StartAsync();
        var stage = await StageTestClient.WithNewEventAsync(node);
        await using var callers = await FailingCallers.ConnectAsync(stage, node);
        // Warm up: code paths jitted, pools and caches at their working size, the budgets of the real caller made.
        await callers.RunAsync(1_000);
        var before = SettledHeap();

        await callers.RunAsync(Calls);
        var after = SettledHeap();

        Assert.Empty(callers.Unexpected);
        Assert.Empty(node.GetRequiredService<ConnectionGroups>().Names());
        Assert.Equal(0, FailingCallers.GroupsIn<PollsHub>(node));
        Assert.Equal(0, FailingCallers.GroupsIn<StageHub>(node));
        Assert.Equal(0, FailingCallers.GroupsIn<BreakoutsHub>(node));
        Assert.Equal(0, FailingCallers.GroupsIn<BarsHub>(node));
        Assert.Equal(0, FailingCallers.GroupsIn<NotificationsHub>(node));
        var growth = after - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Calls} failing calls: managed heap {before / 1024.0 / 1024:0.00} MB -> {after / 1024.0 / 1024:0.00} MB ({growth / 1024.0 / 1024:+0.00;-0.00} MB)"));
        Assert.True(growth < MaxGrowthBytes, string.Create(CultureInfo.InvariantCulture, $"The heap grew by {growth / 1024.0 / 1024:0.00} MB."));
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

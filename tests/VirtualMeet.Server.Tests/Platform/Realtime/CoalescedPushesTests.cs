using System.Collections.Immutable;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>The marking and round logic every coalescing publisher shares: the latest change always goes out.</summary>
public sealed class CoalescedPushesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<(Exception Error, string Key)> _failures = [];
    private readonly CoalescedPushes<string, ImmutableHashSet<string>> _pushes;

    public CoalescedPushesTests() =>
        _pushes = new((marked, more) => marked.Union(more), (e, key) => _failures.Add((e, key)));

    [Fact]
    public async Task MarksOfOneKeyMergeIntoOnePush()
    {
        _pushes.Mark("bar-1", ["t1"]);
        _pushes.Mark("bar-1", ["t2"]);
        _pushes.Mark("bar-2", ["t9"]);

        var seen = new Dictionary<string, ImmutableHashSet<string>>();
        var pushed = await _pushes.RunRoundAsync((key, tables, _) => { seen[key] = tables; return Task.FromResult(PushOutcome.Pushed); }, Ct);

        Assert.Equal(2, pushed);
        Assert.Equal(["t1", "t2"], seen["bar-1"].Order());
        Assert.Equal(["t9"], seen["bar-2"]);
        Assert.Equal(0, await _pushes.RunRoundAsync((_, _, _) => Task.FromResult(PushOutcome.Pushed), Ct));
    }

    [Fact]
    public async Task DeferredWorkStaysMarkedAndMergesWithNewerMarks()
    {
        _pushes.Mark("bar-1", ["t1"]);
        await _pushes.RunRoundAsync((_, _, _) =>
        {
            _pushes.Mark("bar-1", ["t2"]); // a change while another node holds the claim
            return Task.FromResult(PushOutcome.Deferred);
        }, Ct);

        ImmutableHashSet<string>? next = null;
        await _pushes.RunRoundAsync((_, tables, _) => { next = tables; return Task.FromResult(PushOutcome.Pushed); }, Ct);
        Assert.Equal(["t1", "t2"], next!.Order());
    }

    [Fact]
    public async Task AFailedPushIsLoggedAndTriedAgainNextRound()
    {
        _pushes.Mark("bar-1", ["t1"]);
        await _pushes.RunRoundAsync((_, _, _) => throw new InvalidOperationException("Redis away"), Ct);

        var failure = Assert.Single(_failures);
        Assert.Equal("bar-1", failure.Key);
        Assert.Equal(1, await _pushes.RunRoundAsync((_, _, _) => Task.FromResult(PushOutcome.Pushed), Ct));
    }

    [Fact]
    public async Task NothingToPushAndForgottenWorkAreDropped()
    {
        _pushes.Mark("bar-1", ["t1"]);
        _pushes.Mark("bar-2", ["t2"]);
        _pushes.Forget("bar-2");

        var calls = 0;
        await _pushes.RunRoundAsync((_, _, _) => { calls++; return Task.FromResult(PushOutcome.NothingToPush); }, Ct);

        Assert.Equal(1, calls);
        Assert.Equal(0, await _pushes.RunRoundAsync((_, _, _) => Task.FromResult(PushOutcome.Pushed), Ct));
    }
}

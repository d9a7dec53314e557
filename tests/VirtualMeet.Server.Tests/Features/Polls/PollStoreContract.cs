using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>What every <see cref="IPollStore"/> must do; run against each implementation.</summary>
public abstract class PollStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    internal abstract IPollStore Store { get; }

    /// <summary>The implementation's part in an event purge.</summary>
    internal abstract IEventScopedData Purge { get; }

    /// <summary>The implementation's part in an attendee's erasure.</summary>
    internal abstract IAttendeeScopedData Erasure { get; }

    /// <summary>Moves a store's manual clock on; a store on real time (Redis) lets it pass by itself.</summary>
    internal virtual void LetTimePass(TimeSpan by)
    {
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACreatedPollReadsBackAsDraft()
    {
        var poll = PollTestData.Single();
        Assert.True(await Store.CreateAsync(poll, Ct));
        Assert.False(await Store.CreateAsync(poll, Ct));

        Assert.Equal(poll.Question, (await Store.GetAsync(poll.EventId, poll.Id, Ct))!.Question);
        Assert.Equal(poll.Options, (await Store.GetAsync(poll.EventId, poll.Id, Ct))!.Options);
        var tally = await Store.GetTallyAsync(poll.EventId, poll.Id, Ct);
        Assert.Equal(PollStatus.Draft, tally!.Lifecycle.Status);
        Assert.Equal(0, tally.Voters);
        Assert.Empty(tally.Counts);
    }

    [Fact]
    public async Task PollsListOldestFirstPerEvent()
    {
        var first = PollTestData.Single();
        var second = PollTestData.Single(first.EventId) with { CreatedAt = first.CreatedAt.AddSeconds(1) };
        var elsewhere = PollTestData.Single();
        await Store.CreateAsync(second, Ct);
        await Store.CreateAsync(first, Ct);
        await Store.CreateAsync(elsewhere, Ct);

        var listed = await Store.ListAsync(first.EventId, Ct);

        Assert.Equal([first.Id, second.Id], listed.Select(p => p.Id));
    }

    [Fact]
    public async Task DraftPollsRefuseVotes()
    {
        var poll = await CreatedAsync(PollTestData.Single());

        var result = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0"), Ct);

        Assert.Equal(VoteStatus.NotOpen, result.Status);
    }

    [Fact]
    public async Task OpeningTwiceChangesNothingAndClosingIsIdempotent()
    {
        var poll = await CreatedAsync(PollTestData.Single());
        Assert.Equal(TransitionStatus.Refused, (await Store.CloseAsync(poll.EventId, poll.Id, Now, Ct)).Status);

        var opened = await Store.OpenAsync(poll.EventId, poll.Id, Now, Now.AddMinutes(5), Ct);
        var again = await Store.OpenAsync(poll.EventId, poll.Id, Now, null, Ct);
        var closed = await Store.CloseAsync(poll.EventId, poll.Id, Now.AddMinutes(1), Ct);
        var closedAgain = await Store.CloseAsync(poll.EventId, poll.Id, Now.AddMinutes(2), Ct);
        var reopened = await Store.OpenAsync(poll.EventId, poll.Id, Now, null, Ct);

        Assert.Equal(TransitionStatus.Changed, opened.Status);
        Assert.Equal(Now.AddMinutes(5), opened.Lifecycle!.ClosesAt);
        Assert.Equal(Now, opened.Lifecycle.OpenedAt);
        Assert.Equal(TransitionStatus.Unchanged, again.Status);
        Assert.Equal(TransitionStatus.Changed, closed.Status);
        Assert.Equal(Now.AddMinutes(1), closed.Lifecycle!.ClosedAt);
        Assert.Equal(TransitionStatus.Unchanged, closedAgain.Status);
        Assert.Equal(closed.Lifecycle.Version, closedAgain.Lifecycle!.Version);
        Assert.Equal(TransitionStatus.Refused, reopened.Status);
        Assert.True(closed.Lifecycle.Version > opened.Lifecycle.Version);
    }

    [Fact]
    public async Task UnknownPollsAreNotFound()
    {
        Assert.Equal(VoteStatus.NotFound, (await Store.VoteAsync("no-event", "no-poll", Vote("a", "0"), Ct)).Status);
        Assert.Equal(TransitionStatus.NotFound, (await Store.OpenAsync("no-event", "no-poll", Now, null, Ct)).Status);
        Assert.Equal(TransitionStatus.NotFound, (await Store.CloseAsync("no-event", "no-poll", Now, Ct)).Status);
        Assert.Null(await Store.GetTallyAsync("no-event", "no-poll", Ct));
        Assert.Null(await Store.GetAsync("no-event", "no-poll", Ct));
    }

    [Fact]
    public async Task OneBallotPerVoterAndEachVoteBumpsTheVersion()
    {
        var poll = await OpenedAsync(PollTestData.Single());

        var first = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "1"), Ct);
        var second = await Store.VoteAsync(poll.EventId, poll.Id, Vote("b", "1"), Ct);
        var repeat = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0"), Ct);

        Assert.Equal(VoteStatus.Counted, first.Status);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(VoteStatus.AlreadyVoted, repeat.Status);
        var tally = (await Store.GetTallyAsync(poll.EventId, poll.Id, Ct))!;
        Assert.Equal(2, tally.Voters);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 2 }, tally.Counts);
        Assert.Equal(second.Version, tally.Lifecycle.Version);
    }

    [Fact]
    public async Task AChangedBallotMovesItsCounts()
    {
        var poll = await OpenedAsync(PollTestData.Multiple() with { AllowChange = true });

        await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0", "1", BallotRetention.Changeable), Ct);
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("b", "1", retention: BallotRetention.Changeable), Ct);
        var changed = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "2", retention: BallotRetention.Changeable), Ct);

        Assert.Equal(VoteStatus.Changed, changed.Status);
        var tally = (await Store.GetTallyAsync(poll.EventId, poll.Id, Ct))!;
        Assert.Equal(2, tally.Voters);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 1, ["2"] = 1 }, tally.Counts);
    }

    [Fact]
    public async Task AnonymousBallotsCountOncePerVoter()
    {
        var poll = await OpenedAsync(PollTestData.Single() with { Anonymous = true });

        var first = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0", retention: BallotRetention.MarkerOnly), Ct);
        var repeat = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "1", retention: BallotRetention.MarkerOnly), Ct);

        Assert.Equal(VoteStatus.Counted, first.Status);
        Assert.Equal(VoteStatus.AlreadyVoted, repeat.Status);
        Assert.Equal(new Dictionary<string, long> { ["0"] = 1 }, (await Store.GetTallyAsync(poll.EventId, poll.Id, Ct))!.Counts);
    }

    [Fact]
    public async Task ClosedPollsAndPollsPastTheirCloseTimeRefuseVotes()
    {
        var closed = await OpenedAsync(PollTestData.Single());
        await Store.CloseAsync(closed.EventId, closed.Id, Now, Ct);
        var expiring = await CreatedAsync(PollTestData.Single());
        await Store.OpenAsync(expiring.EventId, expiring.Id, Now, Now.AddSeconds(30), Ct);

        Assert.Equal(VoteStatus.NotOpen, (await Store.VoteAsync(closed.EventId, closed.Id, Vote("a", "0"), Ct)).Status);
        Assert.Equal(VoteStatus.Counted, (await Store.VoteAsync(expiring.EventId, expiring.Id, Vote("a", "0") with { Now = Now.AddSeconds(29) }, Ct)).Status);
        Assert.Equal(VoteStatus.NotOpen, (await Store.VoteAsync(expiring.EventId, expiring.Id, Vote("b", "0") with { Now = Now.AddSeconds(30) }, Ct)).Status);
    }

    [Fact]
    public async Task ConcurrentVotesAreCountedExactly()
    {
        var poll = await OpenedAsync(PollTestData.Single());

        // 200 voters, each trying twice at once: every voter counts once, no count is lost.
        var votes = Enumerable.Range(0, 400).Select(i =>
            Store.VoteAsync(poll.EventId, poll.Id, Vote($"voter-{i % 200}", (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct));
        var results = await Task.WhenAll(votes);

        Assert.Equal(200, results.Count(r => r.Status == VoteStatus.Counted));
        Assert.Equal(200, results.Count(r => r.Status == VoteStatus.AlreadyVoted));
        var tally = (await Store.GetTallyAsync(poll.EventId, poll.Id, Ct))!;
        Assert.Equal(200, tally.Voters);
        Assert.Equal(200, tally.Counts.Values.Sum());
        Assert.Equal(200, results.Where(r => r.Status == VoteStatus.Counted).Select(r => r.Version).Distinct().Count());
    }

    [Fact]
    public async Task OnlyOnePushClaimPerInterval()
    {
        var poll = await OpenedAsync(PollTestData.Single());
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0"), Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Store.TryClaimPushAsync(poll.EventId, poll.Id, TimeSpan.FromMinutes(1), Ct)));

        Assert.Equal(1, claims.Count(c => c == PushClaim.Claimed));
        // The others find that version pushed already: they have nothing to push, not merely to wait.
        Assert.Equal(9, claims.Count(c => c == PushClaim.AlreadyPushed));
    }

    [Fact]
    public async Task ANewVersionWaitsForTheIntervalAndThenGoesOut()
    {
        var poll = await PushedThenVotedAgainAsync(claimFor: TimeSpan.FromMinutes(1));

        Assert.Equal(PushClaim.Busy, await Store.TryClaimPushAsync(poll.EventId, poll.Id, TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task AfterTheIntervalTheNewVersionIsClaimed()
    {
        var poll = await PushedThenVotedAgainAsync(claimFor: TimeSpan.FromMilliseconds(1));
        LetTimePass(TimeSpan.FromMilliseconds(2));

        await Eventually.UntilAsync(
            () => Store.TryClaimPushAsync(poll.EventId, poll.Id, TimeSpan.FromMinutes(1), Ct),
            claim => claim == PushClaim.Claimed,
            because: "the 1 ms claim has expired");
    }

    /// <summary>An open poll whose results went out with a claim for <paramref name="claimFor"/>, and one vote since.</summary>
    private async Task<PollDefinition> PushedThenVotedAgainAsync(TimeSpan claimFor)
    {
        var poll = await OpenedAsync(PollTestData.Single());
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0"), Ct);
        Assert.Equal(PushClaim.Claimed, await Store.TryClaimPushAsync(poll.EventId, poll.Id, claimFor, Ct));
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("b", "0"), Ct);
        return poll;
    }

    [Fact]
    public async Task AnUnknownPollHasNothingToPush()
    {
        Assert.Equal(PushClaim.AlreadyPushed, await Store.TryClaimPushAsync("no-event", "no-poll", TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task PurgeRemovesEveryPollOfTheEventOnly()
    {
        var poll = await OpenedAsync(PollTestData.Single());
        var other = await OpenedAsync(PollTestData.Single());
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "0"), Ct);

        await Purge.PurgeEventAsync(poll.EventId, Ct);

        Assert.Empty(await Store.ListAsync(poll.EventId, Ct));
        Assert.Null(await Store.GetTallyAsync(poll.EventId, poll.Id, Ct));
        Assert.NotNull(await Store.GetTallyAsync(other.EventId, other.Id, Ct));
    }

    [Fact]
    public async Task ErasingAnAttendeeForgetsTheirChoiceButKeepsTheCountAndTheirOneBallot()
    {
        var poll = await OpenedAsync(PollTestData.Single() with { AllowChange = true });
        await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "1", retention: BallotRetention.Changeable), Ct);

        await Erasure.EraseAttendeeAsync(poll.EventId, "a", Ct);
        var again = await Store.VoteAsync(poll.EventId, poll.Id, Vote("a", "2", retention: BallotRetention.Changeable), Ct);
        var other = await Store.VoteAsync(poll.EventId, poll.Id, Vote("b", "2", retention: BallotRetention.Changeable), Ct);

        Assert.Equal(VoteStatus.AlreadyVoted, again.Status);
        Assert.Equal(VoteStatus.Counted, other.Status);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 1, ["2"] = 1 }, (await Store.GetTallyAsync(poll.EventId, poll.Id, Ct))!.Counts);
    }

    private static VoteCast Vote(string voter, string field, string? second = null, BallotRetention retention = BallotRetention.Once) =>
        new(voter, second is null ? [field] : [field, second], retention, Now);

    private async Task<PollDefinition> CreatedAsync(PollDefinition poll)
    {
        Assert.True(await Store.CreateAsync(poll, Ct));
        return poll;
    }

    private async Task<PollDefinition> OpenedAsync(PollDefinition poll)
    {
        await CreatedAsync(poll);
        Assert.Equal(TransitionStatus.Changed, (await Store.OpenAsync(poll.EventId, poll.Id, Now, null, Ct)).Status);
        return poll;
    }
}

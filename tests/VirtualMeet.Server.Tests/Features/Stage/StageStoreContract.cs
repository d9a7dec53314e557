using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>What the stage, reaction and question stores must do; run against each implementation.</summary>
public abstract class StageStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected ManualTimeProvider Time { get; } = new();

    internal abstract IStageStore Stages { get; }

    internal abstract IReactionStore Reactions { get; }

    internal abstract IQuestionStore Questions { get; }

    /// <summary>Push claims of the Redis stores expire in real time; the in-memory ones follow <see cref="Time"/>.</summary>
    protected abstract Task LetClaimsExpireAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEvent() => "kn-" + Guid.NewGuid().ToString("N")[..10];

    private static QuestionDraft Draft(string asker, QuestionStatus status = QuestionStatus.Approved, bool anonymous = false) =>
        new(asker, "Name " + asker, anonymous, $"Question of {asker}?", Now, status);

    [Fact]
    public async Task StageChangesAreCompareAndSetOnTheVersion()
    {
        var eventId = NewEvent();
        Assert.Null(await Stages.GetAsync(eventId, "s", Ct));
        var first = new StageRecord(1, StageStatus.Live, [new StreamSource("de", "https://x.example/de")], "Speaker", null, null, null, true);

        Assert.True(await Stages.TrySetAsync(eventId, "s", 0, first, Ct));
        Assert.False(await Stages.TrySetAsync(eventId, "s", 0, first with { Status = StageStatus.Ended }, Ct));
        Assert.True(await Stages.TrySetAsync(eventId, "s", 1, first with { Version = 2, Status = StageStatus.Paused }, Ct));

        var stored = await Stages.GetAsync(eventId, "s", Ct);
        Assert.Equal((2L, StageStatus.Paused, "Speaker", true), (stored!.Version, stored.Status, stored.Speaker, stored.PreModeration));
        Assert.Equal(first.Sources, stored.Sources);
    }

    [Fact]
    public async Task APushClaimGoesToOneCallerPerIntervalAndAPushedVersionIsNotClaimedAgain()
    {
        var eventId = NewEvent();

        Assert.Equal(PushClaim.Claimed, await Stages.TryClaimPushAsync(eventId, "s", "viewers", 3, Interval, Ct));
        Assert.Equal(PushClaim.AlreadyPushed, await Stages.TryClaimPushAsync(eventId, "s", "viewers", 3, Interval, Ct));
        Assert.Equal(PushClaim.Busy, await Stages.TryClaimPushAsync(eventId, "s", "viewers", 4, Interval, Ct));
        Assert.Equal(PushClaim.Claimed, await Stages.TryClaimPushAsync(eventId, "other", "viewers", 4, Interval, Ct));

        await LetClaimsExpireAsync();
        Assert.Equal(PushClaim.Claimed, await Stages.TryClaimPushAsync(eventId, "s", "viewers", 4, Interval, Ct));
    }

    [Fact]
    public async Task EveryReactionIsInExactlyOneWindow()
    {
        var eventId = NewEvent();
        await Task.WhenAll(Enumerable.Range(0, 90).Select(i => Reactions.AddAsync(eventId, "s", i % 3 == 0 ? "heart" : "applause", Ct)));

        var first = await Reactions.TakeWindowAsync(eventId, "s", Interval, Ct);
        Assert.Null(await Reactions.TakeWindowAsync(eventId, "s", Interval, Ct));
        await Reactions.AddAsync(eventId, "s", "idea", Ct);
        await LetClaimsExpireAsync();
        var second = await Reactions.TakeWindowAsync(eventId, "s", Interval, Ct);
        await LetClaimsExpireAsync();
        var empty = await Reactions.TakeWindowAsync(eventId, "s", Interval, Ct);

        Assert.Equal(new Dictionary<string, long> { ["heart"] = 30, ["applause"] = 60 }, first!.Counts);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(new Dictionary<string, long> { ["idea"] = 1 }, second!.Counts);
        Assert.Equal((2L, 91L), (second.Sequence, second.Totals.Values.Sum()));
        Assert.True(empty!.IsEmpty);
        Assert.Equal(91, (await Reactions.TotalsAsync(eventId, "s", Ct)).Values.Sum());
    }

    [Fact]
    public async Task QuestionsReadBackInAskingOrderAndTheStageCapRefusesMore()
    {
        var eventId = NewEvent();
        var a = await Questions.AskAsync(eventId, "s", Draft("a"), 2, Ct);
        var b = await Questions.AskAsync(eventId, "s", Draft("b", QuestionStatus.Pending, anonymous: true), 2, Ct);

        Assert.Null(await Questions.AskAsync(eventId, "s", Draft("c"), 2, Ct));
        var listed = await Questions.ListAsync(eventId, "s", Ct);
        Assert.Equal([a!, b!], listed);
        Assert.Equal((1L, QuestionStatus.Pending, true, "Name b"), (b!.Version, b.Status, b.Anonymous, b.AskerName));
        Assert.Equal(b, await Questions.GetAsync(eventId, "s", b.Id, Ct));
        Assert.Empty(await Questions.ListAsync(eventId, "other", Ct));
    }

    [Fact]
    public async Task ConcurrentUpvotesCountOncePerVoter()
    {
        var eventId = NewEvent();
        var question = (await Questions.AskAsync(eventId, "s", Draft("a"), 10, Ct))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Questions.UpvoteAsync(eventId, "s", question.Id, $"voter-{i % 20}", Ct)));

        Assert.Equal(20, results.Count(r => r.Status == UpvoteStatus.Counted));
        Assert.Equal(40, results.Count(r => r.Status == UpvoteStatus.AlreadyVoted));
        var stored = await Questions.GetAsync(eventId, "s", question.Id, Ct);
        Assert.Equal((20L, 21L), (stored!.Votes, stored.Version));
    }

    [Fact]
    public async Task PendingHiddenAndUnknownQuestionsTakeNoVotes()
    {
        var eventId = NewEvent();
        var pending = (await Questions.AskAsync(eventId, "s", Draft("a", QuestionStatus.Pending), 10, Ct))!;
        var hidden = (await Questions.AskAsync(eventId, "s", Draft("b"), 10, Ct))!;
        await Questions.ModerateAsync(eventId, "s", hidden.Id, QuestionStatus.Hidden, null, Ct);

        Assert.Equal(UpvoteStatus.NotFound, (await Questions.UpvoteAsync(eventId, "s", pending.Id, "v", Ct)).Status);
        Assert.Equal(UpvoteStatus.NotFound, (await Questions.UpvoteAsync(eventId, "s", hidden.Id, "v", Ct)).Status);
        Assert.Equal(UpvoteStatus.NotFound, (await Questions.UpvoteAsync(eventId, "s", "nope", "v", Ct)).Status);
    }

    [Fact]
    public async Task ModerationSetsStatusAndPinAndRaisesTheVersion()
    {
        var eventId = NewEvent();
        var question = (await Questions.AskAsync(eventId, "s", Draft("a", QuestionStatus.Pending), 10, Ct))!;

        var approved = await Questions.ModerateAsync(eventId, "s", question.Id, QuestionStatus.Approved, null, Ct);
        var pinned = await Questions.ModerateAsync(eventId, "s", question.Id, null, true, Ct);
        var answered = await Questions.ModerateAsync(eventId, "s", question.Id, QuestionStatus.Answered, false, Ct);

        Assert.Equal((QuestionStatus.Approved, false, 2L), (approved!.Status, approved.Pinned, approved.Version));
        Assert.Equal((QuestionStatus.Approved, true, 3L), (pinned!.Status, pinned.Pinned, pinned.Version));
        Assert.Equal((QuestionStatus.Answered, false, 4L), (answered!.Status, answered.Pinned, answered.Version));
        Assert.Null(await Questions.ModerateAsync(eventId, "s", "nope", QuestionStatus.Hidden, null, Ct));
    }

    [Fact]
    public async Task RemovingTheQuestionsOfAnAskerReturnsThemAsTheyWereAndLeavesOthers()
    {
        var eventId = NewEvent();
        var mine = (await Questions.AskAsync(eventId, "s", Draft("a"), 10, Ct))!;
        var mineElsewhere = (await Questions.AskAsync(eventId, "t", Draft("a"), 10, Ct))!;
        var theirs = (await Questions.AskAsync(eventId, "s", Draft("b"), 10, Ct))!;
        await Questions.UpvoteAsync(eventId, "s", mine.Id, "v", Ct);

        var removed = await Questions.RemoveAskedByAsync(eventId, "a", Ct);

        Assert.Equal([("s", mine.Id, 1L), ("t", mineElsewhere.Id, 0L)], removed.Select(r => (r.SessionId, r.Question.Id, r.Question.Votes)).Order());
        Assert.Null(await Questions.GetAsync(eventId, "s", mine.Id, Ct));
        Assert.Equal([theirs.Id], (await Questions.ListAsync(eventId, "s", Ct)).Select(q => q.Id));
        Assert.Empty(await Questions.ListAsync(eventId, "t", Ct));
        Assert.Empty(await Questions.RemoveAskedByAsync(eventId, "a", Ct));
        // A question asked later never takes the id of a removed one.
        var later = (await Questions.AskAsync(eventId, "s", Draft("c"), 10, Ct))!;
        Assert.DoesNotContain(later.Id, new[] { mine.Id, theirs.Id });
    }

    [Fact]
    public async Task AnUpvoteOfAnErasedVoterStaysCountedAndTheVoterCannotVoteAgain()
    {
        var eventId = NewEvent();
        var question = (await Questions.AskAsync(eventId, "s", Draft("a"), 10, Ct))!;
        await Questions.UpvoteAsync(eventId, "s", question.Id, "v", Ct);

        // The voter's own questions go; nothing else of theirs is in the store to remove.
        await Questions.RemoveAskedByAsync(eventId, "v", Ct);

        var again = await Questions.UpvoteAsync(eventId, "s", question.Id, "v", Ct);
        Assert.Equal((UpvoteStatus.AlreadyVoted, 1L), (again.Status, again.Question!.Votes));
        Assert.Equal(UpvoteStatus.Counted, (await Questions.UpvoteAsync(eventId, "s", question.Id, "w", Ct)).Status);
    }
}

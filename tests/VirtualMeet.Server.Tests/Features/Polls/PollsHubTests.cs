using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>Voting and watching through the .NET client against a real node.</summary>
public sealed class PollsHubTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    [Fact]
    public async Task WatchReturnsOpenPollsWithResultsAndPushesFollow()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var draft = await polls.CreateAsync(PollsTestClient.SingleChoice());
        var open = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var voter = await polls.ConnectAsync(polls.AttendeeToken("alice"));
        await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, open.Id, new Ballot([2])).WaitAsync(TestTimeouts.Default);
        await using var connection = await polls.ConnectAsync(polls.AttendeeToken("watcher"));
        var watcher = new PollWatcher(connection);

        var snapshot = await watcher.WatchAsync(polls.EventId);
        await polls.TransitionAsync(draft.Id, "open");
        var receipt = await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, draft.Id, new Ballot([0])).WaitAsync(TestTimeouts.Default);
        var results = await Eventually.UntilAsync(() => Task.FromResult(watcher.Results), r => r.Any(x => x.PollId == draft.Id));
        await polls.TransitionAsync(draft.Id, "close");
        var closed = await watcher.Closed;

        var state = Assert.Single(snapshot.Polls);
        Assert.Equal(open.Id, state.Poll.Id);
        Assert.Equal(1, state.Results!.Options[2].Count);
        Assert.Equal(draft.Id, Assert.Single(watcher.Opened).Poll.Id);
        Assert.Equal(receipt.Version, results.Last(r => r.PollId == draft.Id).Version);
        Assert.Equal(1, closed.Results!.Options[0].Count);
        Assert.True(closed.Version > receipt.Version);
    }

    [Fact]
    public async Task BadBallotsGetCodedErrorsAndChangeNoCount()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var single = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        var multiple = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { Kind = PollKind.MultipleChoice, MaxChoices = 2 });
        var rating = await polls.CreateOpenAsync(new CreatePollRequest(new PollText(En: "How was it?"), PollKind.Rating, RatingMin: 1, RatingMax: 5));
        var words = await polls.CreateOpenAsync(new CreatePollRequest(new PollText(En: "One word?"), PollKind.Wordcloud));
        await using var voter = await polls.ConnectAsync(polls.AttendeeToken("bob"));

        (string PollId, Ballot? Ballot, string Code)[] cases =
        [
            (single.Id, new Ballot([4]), ErrorCodes.InvalidArgument),
            (single.Id, new Ballot([-1]), ErrorCodes.InvalidArgument),
            (single.Id, new Ballot([0, 1]), ErrorCodes.InvalidArgument),
            (single.Id, new Ballot([]), ErrorCodes.InvalidArgument),
            (single.Id, null, ErrorCodes.InvalidArgument),
            (multiple.Id, new Ballot([1, 1]), ErrorCodes.InvalidArgument),
            (multiple.Id, new Ballot([0, 1, 2]), ErrorCodes.InvalidArgument),
            (rating.Id, new Ballot(Rating: 6), ErrorCodes.InvalidArgument),
            (rating.Id, new Ballot(Rating: 0), ErrorCodes.InvalidArgument),
            (rating.Id, new Ballot([1]), ErrorCodes.InvalidArgument),
            (words.Id, new Ballot(Text: "   "), ErrorCodes.InvalidArgument),
            (words.Id, new Ballot(Text: new string('x', 41)), ErrorCodes.InvalidArgument),
            ("no-such-poll", new Ballot([0]), ErrorCodes.NotFound),
        ];
        foreach (var (pollId, ballot, code) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() =>
                voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, pollId, ballot).WaitAsync(TestTimeouts.Default));
            HubAssert.HasCode(code, error.Message);
        }

        foreach (var poll in new[] { single, multiple, rating, words })
        {
            var results = await polls.ResultsAsync(poll.Id);
            Assert.Equal(0, results.Voters);
            Assert.All(results.Options, o => Assert.Equal(0, o.Count));
        }
    }

    [Fact]
    public async Task ValidBallotsOfEveryKindAreCounted()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var multiple = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { Kind = PollKind.MultipleChoice, MaxChoices = 2 });
        var rating = await polls.CreateOpenAsync(new CreatePollRequest(new PollText(En: "How was it?"), PollKind.Rating, RatingMin: 0, RatingMax: 10));
        var words = await polls.CreateOpenAsync(new CreatePollRequest(new PollText(En: "One word?"), PollKind.Wordcloud));
        await using var voter = await polls.ConnectAsync(polls.AttendeeToken("carla"));

        await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, multiple.Id, new Ballot([3, 1]));
        await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, rating.Id, new Ballot(Rating: 10));
        await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, words.Id, new Ballot(Text: new string('x', 40)));

        Assert.Equal([0L, 1, 0, 1], (await polls.ResultsAsync(multiple.Id)).Options.Select(o => o.Count));
        Assert.Equal(10.0, (await polls.ResultsAsync(rating.Id)).AverageRating);
        Assert.Equal(new string('x', 40), Assert.Single((await polls.ResultsAsync(words.Id)).Words!).Text);
    }

    [Fact]
    public async Task ASecondVoteIsRefusedUnlessThePollAllowsChanges()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var once = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        var changeable = await polls.CreateOpenAsync(PollsTestClient.SingleChoice(allowChange: true));
        await using var phone = await polls.ConnectAsync(polls.AttendeeToken("dana"));
        await using var laptop = await polls.ConnectAsync(polls.AttendeeToken("dana"));

        await phone.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, once.Id, new Ballot([0]));
        var error = await Assert.ThrowsAsync<HubException>(() => laptop.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, once.Id, new Ballot([1])));
        await phone.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, changeable.Id, new Ballot([0]));
        var changed = await laptop.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, changeable.Id, new Ballot([3]));

        HubAssert.HasCode(ErrorCodes.AlreadyVoted, error.Message);
        Assert.Equal([1L, 0, 0, 0], (await polls.ResultsAsync(once.Id)).Options.Select(o => o.Count));
        Assert.True(changed.Changed);
        Assert.Equal([0L, 0, 0, 1], (await polls.ResultsAsync(changeable.Id)).Options.Select(o => o.Count));
    }

    [Fact]
    public async Task ClosedDraftAndForeignPollsRefuseVotes()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var other = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var closed = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await polls.TransitionAsync(closed.Id, "close");
        var draft = await polls.CreateAsync(PollsTestClient.SingleChoice());
        var foreign = await other.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var voter = await polls.ConnectAsync(polls.AttendeeToken("emil"));

        async Task<string> ErrorOf(string pollId) => (await Assert.ThrowsAsync<HubException>(() =>
            voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, pollId, new Ballot([0])).WaitAsync(TestTimeouts.Default))).Message;

        HubAssert.HasCode(ErrorCodes.PollClosed, await ErrorOf(closed.Id));
        HubAssert.HasCode(ErrorCodes.PollClosed, await ErrorOf(draft.Id));
        HubAssert.HasCode(ErrorCodes.NotFound, await ErrorOf(foreign.Id));
        Assert.Equal(0, (await other.ResultsAsync(foreign.Id)).Voters);
    }

    [Fact]
    public async Task WatchingAnotherEventOrAnUnknownSessionIsRefused()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var other = await PollsTestClient.WithNewEventAsync(fixture.Node);
        await using var connection = await polls.ConnectAsync(polls.AttendeeToken("fritz"));
        var watcher = new PollWatcher(connection);

        var foreign = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(other.EventId));
        var unknown = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(polls.EventId, "no-session"));

        HubAssert.HasCode(ErrorCodes.Forbidden, foreign.Message);
        HubAssert.HasCode(ErrorCodes.NotFound, unknown.Message);
    }

    [Fact]
    public async Task SessionWatchersSeeTheirSessionsPollsAndTheEventWideOnes()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var keynote = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { SessionId = "keynote" });
        var breakout = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { SessionId = "breakout" });
        var eventWide = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var connection = await polls.ConnectAsync(polls.AttendeeToken("gina"));

        var snapshot = await new PollWatcher(connection).WatchAsync(polls.EventId, "keynote");

        Assert.Equal([keynote.Id, eventWide.Id], snapshot.Polls.Select(p => p.Poll.Id));
        Assert.DoesNotContain(breakout.Id, snapshot.Polls.Select(p => p.Poll.Id));
    }

    [Fact]
    public async Task PushesReachOnlyTheWatchersOfThePollsScope()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        await using var keynoteConnection = await polls.ConnectAsync(polls.AttendeeToken("kai"));
        await using var breakoutConnection = await polls.ConnectAsync(polls.AttendeeToken("lea"));
        var keynote = new PollWatcher(keynoteConnection);
        var breakout = new PollWatcher(breakoutConnection);
        await keynote.WatchAsync(polls.EventId, "keynote");
        await breakout.WatchAsync(polls.EventId, "breakout");

        var keynotePoll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { SessionId = "keynote" });
        var eventPoll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await Eventually.UntilAsync(() => Task.FromResult(breakout.Opened), o => o.Count == 1);
        await Eventually.UntilAsync(() => Task.FromResult(keynote.Opened), o => o.Count == 2);

        Assert.Equal([keynotePoll.Id, eventPoll.Id], keynote.Opened.Select(o => o.Poll.Id));
        Assert.Equal([eventPoll.Id], breakout.Opened.Select(o => o.Poll.Id));
    }
}

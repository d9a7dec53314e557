using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>The domain with the clock in the test's hand: automatic close, coalesced pushes, the pitch winner.</summary>
public sealed class PollServiceTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingHubContext<PollsHub, IPollsClient> _hub = new();
    private readonly ServiceProvider _services;
    private readonly string _eventId;

    public PollServiceTests()
    {
        _services = Node(new InMemoryEventStore(), new InMemoryPollStore(_time, TestPseudonyms.Instance));
        var definition = PollTestData.Event();
        _eventId = definition.Id;
        _services.GetRequiredService<IEventStore>().TryAddAsync(definition, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static readonly AuditActor Organizer = new("org-polls", "Paula Polls");

    private PollService Polls => _services.GetRequiredService<PollService>();

    /// <summary>A second node: its own poll service and publisher on the same stores, clock and clients.</summary>
    private ServiceProvider NodeSharingTheStores() =>
        Node(_services.GetRequiredService<IEventStore>(), _services.GetRequiredService<IPollStore>());

    private ServiceProvider Node(IEventStore events, IPollStore polls)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(new PollsOptions()));
        services.AddLogging();
        services.AddSingleton<Microsoft.AspNetCore.SignalR.IHubContext<PollsHub, IPollsClient>>(_hub);
        services.AddSingleton(events);
        services.AddSingleton(polls);
        services.AddSingleton<PollFactory>();
        services.AddSingleton<BallotReader>();
        services.AddSingleton<PollCloseScheduler>();
        services.AddSingleton<PollResultsPublisher>();
        services.AddSingleton<IAttendeeRateLimiter>(new InMemoryRateLimiter(_time));
        services.AddSingleton(Options.Create(new RateLimitOptions()));
        services.AddSingleton<AttendeeRateLimits>();
        services.AddSingleton(Options.Create(new RealtimeOptions()));
        services.AddSingleton<ConnectionGroups>();
        services.AddSingleton(Options.Create(new AuditOptions()));
        services.AddSingleton<IAuditStore, InMemoryAuditStore>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<PollService>();
        return services.BuildServiceProvider();
    }

    private PollResultsPublisher Publisher => _services.GetRequiredService<PollResultsPublisher>();

    private static WatchingConnection Watcher { get; } = new("watcher", "connection-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APollClosesByItselfWhenItsDurationRunsOut()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice() with { DurationSeconds = 60 });
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "a", new Ballot([1]), Ct);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(_hub.Of<PollState>(nameof(IPollsClient.PollClosed)));
        _time.Advance(TimeSpan.FromSeconds(1));

        var closed = await Eventually.UntilAsync(
            () => Task.FromResult(_hub.Of<PollState>(nameof(IPollsClient.PollClosed))), c => c.Count > 0);
        Assert.Single(closed);
        Assert.Equal(PollStatus.Closed, closed[0].Poll.Status);
        Assert.Equal(1, closed[0].Results!.Options[1].Count);
        var refused = await Assert.ThrowsAsync<Refusal>(() => Polls.VoteAsync(_eventId, poll.Id, "b", new Ballot([0]), Ct));
        Assert.Equal(ErrorCodes.PollClosed, refused.Code);
    }

    [Fact]
    public async Task AnExpiredPollIsClosedByTheNextReaderWhenNoTimerFired()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice() with { DurationSeconds = 10 });
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        _services.GetRequiredService<PollCloseScheduler>().Dispose();

        _time.Advance(TimeSpan.FromSeconds(11));
        var snapshot = await Polls.WatchAsync(_eventId, null, Watcher, Ct);

        Assert.Equal(PollStatus.Closed, Assert.Single(snapshot.Polls).Poll.Status);
        Assert.Single(_hub.Of<PollState>(nameof(IPollsClient.PollClosed)));
    }

    [Fact]
    public async Task ANodeThatReadsATimedPollTakesOverItsClose()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice() with { DurationSeconds = 30 });
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        // The opening node's timer is lost (the node died); a watcher reconnects elsewhere and reads the poll.
        _services.GetRequiredService<PollCloseScheduler>().Dispose();
        await Polls.WatchAsync(_eventId, null, Watcher, Ct);

        _time.Advance(TimeSpan.FromSeconds(30));

        var closed = await Eventually.UntilAsync(
            () => Task.FromResult(_hub.Of<PollState>(nameof(IPollsClient.PollClosed))), c => c.Count > 0);
        Assert.Equal(poll.Id, Assert.Single(closed).Poll.Id);
    }

    [Fact]
    public async Task ManyVotesBecomeOnePushPerInterval()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice());
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        for (var i = 0; i < 100; i++)
            await Polls.VoteAsync(_eventId, poll.Id, $"voter-{i}", new Ballot([i % 4]), Ct);

        Assert.Equal(1, await Publisher.PublishDueAsync(Ct));
        await Polls.VoteAsync(_eventId, poll.Id, "late", new Ballot([0]), Ct);
        Assert.Equal(0, await Publisher.PublishDueAsync(Ct));
        _time.Advance(new PollsOptions().PushInterval());
        Assert.Equal(1, await Publisher.PublishDueAsync(Ct));
        Assert.Equal(0, await Publisher.PublishDueAsync(Ct));

        var pushes = _hub.Of<PollResultsView>(nameof(IPollsClient.PollResults));
        Assert.Equal(2, pushes.Count);
        Assert.Equal(100, pushes[0].Voters);
        Assert.Equal(101, pushes[1].Voters);
        Assert.True(pushes[1].Version > pushes[0].Version);
    }

    [Fact]
    public async Task TwoNodesWithVotesOnOnePollNeverPushTheSameCountsTwice()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice());
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        await using var otherNode = NodeSharingTheStores();
        var other = otherNode.GetRequiredService<PollService>();
        var otherPublisher = otherNode.GetRequiredService<PollResultsPublisher>();

        await Polls.VoteAsync(_eventId, poll.Id, "a", new Ballot([0]), Ct);
        await other.VoteAsync(_eventId, poll.Id, "b", new Ballot([1]), Ct);
        Assert.Equal(1, await Publisher.PublishDueAsync(Ct) + await otherPublisher.PublishDueAsync(Ct));
        _time.Advance(new PollsOptions().PushInterval());

        // Both nodes had votes; the counts they would push went out already.
        Assert.Equal(0, await Publisher.PublishDueAsync(Ct) + await otherPublisher.PublishDueAsync(Ct));
        Assert.Equal(2, Assert.Single(_hub.Of<PollResultsView>(nameof(IPollsClient.PollResults))).Voters);
    }

    [Fact]
    public async Task ResultsShownAfterCloseAreNotPushedWhileOpen()
    {
        var poll = await CreateAsync(PollsTestClient.SingleChoice() with { ResultsVisibility = ResultsVisibility.AfterClose });
        var opened = await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "a", new Ballot([2]), Ct);

        Assert.Null(opened.Results);
        Assert.Equal(0, await Publisher.PublishDueAsync(Ct));
        Assert.Null(Assert.Single((await Polls.WatchAsync(_eventId, null, Watcher, Ct)).Polls).Results);
        var closed = await Polls.CloseAsync(_eventId, poll.Id, Organizer, Ct);
        Assert.Equal(1, closed.Results!.Options[2].Count);
    }

    [Fact]
    public async Task ClosingAPitchVoteRevealsTheWinner()
    {
        var poll = await CreateAsync(new CreatePollRequest(new PollText("Bester Pitch?", "Best pitch?"), PollKind.Pitch, SessionId: "pitches"));
        Assert.Equal(["Startup A", "Startup B", "Startup C"], poll.Options.Select(o => o.En));
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "a", new Ballot([1]), Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "b", new Ballot([1]), Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "c", new Ballot([2]), Ct);

        Assert.Null((await Polls.GetAsync(_eventId, poll.Id, manager: true, Ct)).Results!.Winners);
        var closed = await Polls.CloseAsync(_eventId, poll.Id, Organizer, Ct);

        Assert.Equal([1], closed.Results!.Winners);
        Assert.Equal([1], _hub.Of<PollState>(nameof(IPollsClient.PollClosed)).Single().Results!.Winners);
    }

    [Fact]
    public async Task WordCloudAnswersAreNormalisedAndCounted()
    {
        var poll = await CreateAsync(new CreatePollRequest(new PollText("Ein Wort?", "One word?"), PollKind.Wordcloud));
        await Polls.OpenAsync(_eventId, poll.Id, Organizer, Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "a", new Ballot(Text: "  Fach   KRÄFTE "), Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "b", new Ballot(Text: "fach kräfte"), Ct);
        await Polls.VoteAsync(_eventId, poll.Id, "c", new Ballot(Text: "Energie"), Ct);

        var (_, results) = await Polls.ResultsAsync(_eventId, poll.Id, manager: true, top: 1, Ct);

        Assert.Equal([new WordCount("fach kräfte", 2)], results.Words);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private async Task<PollView> CreateAsync(CreatePollRequest request)
    {
        var (state, errors) = await Polls.CreateAsync(_eventId, request, Organizer, Ct);
        Assert.Empty(errors);
        return state!.Poll;
    }
}

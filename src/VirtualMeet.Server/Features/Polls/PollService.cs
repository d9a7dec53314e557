using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// Live polls, top to bottom: create, open (with an optional automatic close), vote, close, read. The store
/// decides every race; this class validates, announces lifecycle changes and marks polls for the publisher.
/// </summary>
internal sealed partial class PollService(
    IPollStore store,
    IEventStore events,
    PollFactory factory,
    BallotReader ballots,
    PollResultsPublisher publisher,
    PollCloseScheduler scheduler,
    AttendeeRateLimits limits,
    ConnectionGroups groups,
    IHubContext<PollsHub, IPollsClient> hub,
    IOptions<PollsOptions> options,
    IAuditLog audit,
    TimeProvider time,
    ILogger<PollService> logger)
{
    private readonly ConcurrentDictionary<(string EventId, string PollId), PollDefinition> _definitions = new();

    public async Task<(PollState? State, Dictionary<string, string[]> Errors)> CreateAsync(
        string eventId, CreatePollRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
        var (poll, errors) = factory.Create(definition, request);
        if (poll is null)
            return (null, errors);

        if (!await store.CreateAsync(poll, cancellationToken))
            throw Refusal.Conflict($"Poll '{poll.Id}' exists already.");
        LogCreated(eventId, poll.Id, poll.Kind);
        await audit.RecordAsync(eventId, actor, AuditActions.PollCreate, poll.Id, $"kind={poll.Kind}", cancellationToken);
        return (new PollState(PollViews.View(poll, PollLifecycle.Draft), null, 0), errors);
    }

    public async Task<PollState> OpenAsync(string eventId, string pollId, AuditActor actor, CancellationToken cancellationToken)
    {
        var poll = await GetPollAsync(eventId, pollId, cancellationToken);
        var now = time.GetUtcNow();
        var transition = await store.OpenAsync(eventId, pollId, now, now + poll.Duration, cancellationToken);
        switch (transition.Status)
        {
            case TransitionStatus.NotFound:
                throw Refusal.NotFound($"Poll '{pollId}' does not exist.");
            case TransitionStatus.Refused:
                throw NotOpen(pollId);
        }

        var state = await StateAsync(poll, manager: false, cancellationToken);
        if (transition.Status == TransitionStatus.Changed)
        {
            LogOpened(eventId, pollId, transition.Lifecycle!.ClosesAt);
            await audit.RecordAsync(eventId, actor, AuditActions.PollOpen, pollId, null, cancellationToken);
            if (transition.Lifecycle.ClosesAt is { } closesAt)
                scheduler.Schedule(poll, closesAt);
            await hub.Clients.Group(PollGroups.Of(poll)).PollOpened(state);
        }

        return state;
    }

    /// <param name="actor">Who closed it; <c>null</c> when its duration ran out (nobody to log).</param>
    public async Task<PollState> CloseAsync(string eventId, string pollId, AuditActor? actor, CancellationToken cancellationToken)
    {
        var poll = await GetPollAsync(eventId, pollId, cancellationToken);
        var transition = await store.CloseAsync(eventId, pollId, time.GetUtcNow(), cancellationToken);
        switch (transition.Status)
        {
            case TransitionStatus.NotFound:
                throw Refusal.NotFound($"Poll '{pollId}' does not exist.");
            case TransitionStatus.Refused:
                throw Refusal.Conflict($"Poll '{pollId}' is still a draft; open it first.");
        }

        var state = await StateAsync(poll, manager: false, cancellationToken);
        if (transition.Status == TransitionStatus.Changed)
        {
            // Only the one caller (of all nodes) that actually closed the poll announces it, with the final results.
            scheduler.Cancel(poll);
            publisher.Forget(poll);
            LogClosed(eventId, pollId, state.Results?.Voters ?? 0);
            if (actor is not null)
                await audit.RecordAsync(eventId, actor, AuditActions.PollClose, pollId, $"voters={state.Results?.Voters ?? 0}", cancellationToken);
            await hub.Clients.Group(PollGroups.Of(poll)).PollClosed(state);
        }

        return state;
    }

    public async Task<VoteReceipt> VoteAsync(string eventId, string pollId, string voterId, Ballot? ballot, CancellationToken cancellationToken)
    {
        var poll = await GetPollAsync(eventId, pollId, cancellationToken);
        var fields = ballots.Read(poll, ballot);
        var now = time.GetUtcNow();
        var result = await store.VoteAsync(eventId, pollId, new VoteCast(voterId, fields, poll.Retention, now), cancellationToken);
        switch (result.Status)
        {
            case VoteStatus.NotFound:
                throw Refusal.NotFound($"Poll '{pollId}' does not exist.");
            case VoteStatus.NotOpen:
                throw NotOpen(pollId);
            case VoteStatus.AlreadyVoted:
                throw Refusal.AlreadyVoted($"You already voted in poll '{pollId}'.");
        }

        publisher.MarkDirty(poll);
        return new VoteReceipt(pollId, result.Status == VoteStatus.Changed, result.Version);
    }

    /// <summary>
    /// Open and closed polls of a session plus those of the whole event (or only the latter), after putting the
    /// watcher's connection into the groups their changes are pushed to.
    /// </summary>
    public async Task<PollWatchSnapshot> WatchAsync(string eventId, string? sessionId, WatchingConnection watcher, CancellationToken cancellationToken)
    {
        // Validate before allocating: no group, budget or subscription exists for an event or session that does not.
        var definition = await events.GetAsync(eventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
        await limits.AcquireOrThrowAsync(eventId, watcher.Id, RateLimitRules.PollWatch, cancellationToken);
        if (sessionId is not null && definition.Sessions.All(s => s.Id != sessionId))
            throw Refusal.NotFound($"Event '{eventId}' has no session '{sessionId}'.");

        // Join before reading: a push racing the read is a duplicate the client drops by version, never a gap.
        string[] scopes = sessionId is null ? [PollGroups.Scope(eventId, null)] : [PollGroups.Scope(eventId, null), PollGroups.Scope(eventId, sessionId)];
        await groups.JoinAllAsync(hub.Groups, watcher.ConnectionId, scopes, cancellationToken);

        var states = new List<PollState>();
        foreach (var poll in await store.ListAsync(eventId, cancellationToken))
        {
            if (poll.SessionId is not null && poll.SessionId != sessionId)
                continue;
            var state = await StateAsync(poll, manager: false, cancellationToken);
            if (state.Poll.Status != PollStatus.Draft)
                states.Add(state);
        }

        return new PollWatchSnapshot(eventId, sessionId, states);
    }

    public async Task<IReadOnlyList<PollState>> ListAsync(string eventId, bool manager, CancellationToken cancellationToken)
    {
        _ = await events.GetAsync(eventId, cancellationToken) ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
        var states = new List<PollState>();
        foreach (var poll in await store.ListAsync(eventId, cancellationToken))
        {
            var state = await StateAsync(poll, manager, cancellationToken);
            if (manager || state.Poll.Status != PollStatus.Draft)
                states.Add(state);
        }

        return states;
    }

    public async Task<PollState> GetAsync(string eventId, string pollId, bool manager, CancellationToken cancellationToken)
    {
        var poll = await GetPollAsync(eventId, pollId, cancellationToken);
        var state = await StateAsync(poll, manager, cancellationToken);
        return !manager && state.Poll.Status == PollStatus.Draft
            ? throw Refusal.NotFound($"Poll '{pollId}' does not exist.")
            : state;
    }

    /// <summary>Results for REST; attendees get them only when the poll's visibility allows.</summary>
    public async Task<(PollDefinition Poll, PollResultsView Results)> ResultsAsync(
        string eventId, string pollId, bool manager, int? top, CancellationToken cancellationToken)
    {
        var poll = await GetPollAsync(eventId, pollId, cancellationToken);
        var tally = await TallyAsync(poll, cancellationToken);
        if (!manager && !PollViews.ResultsVisible(poll, tally.Lifecycle))
            throw Refusal.Forbidden($"Results of poll '{pollId}' are shown once it closes.");
        return (poll, PollViews.Results(poll, tally, top ?? options.Value.DefaultWordCloudTop));
    }

    private async Task<PollState> StateAsync(PollDefinition poll, bool manager, CancellationToken cancellationToken)
    {
        var tally = await TallyAsync(poll, cancellationToken);
        if (tally.Lifecycle is { Status: PollStatus.Open, ClosesAt: { } closesAt })
            scheduler.EnsureScheduled(poll, closesAt);
        var visible = manager || PollViews.ResultsVisible(poll, tally.Lifecycle);
        return new PollState(
            PollViews.View(poll, tally.Lifecycle),
            visible ? PollViews.Results(poll, tally, options.Value.DefaultWordCloudTop) : null,
            tally.Lifecycle.Version);
    }

    /// <summary>
    /// The tally, after closing the poll if its time ran out: the node that scheduled the close may have died,
    /// so whoever looks first records it (the store makes that idempotent; votes were refused already).
    /// </summary>
    private async Task<PollTally> TallyAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        var tally = await store.GetTallyAsync(poll.EventId, poll.Id, cancellationToken)
            ?? throw Refusal.NotFound($"Poll '{poll.Id}' does not exist.");
        if (tally.Lifecycle.Status == PollStatus.Open && !tally.Lifecycle.IsAcceptingVotes(time.GetUtcNow()))
        {
            await CloseAsync(poll.EventId, poll.Id, actor: null, cancellationToken);
            tally = await store.GetTallyAsync(poll.EventId, poll.Id, cancellationToken) ?? tally;
        }

        return tally;
    }

    private async Task<PollDefinition> GetPollAsync(string eventId, string pollId, CancellationToken cancellationToken)
    {
        // Definitions never change after creation, so a vote costs one store round trip, not two.
        if (_definitions.TryGetValue((eventId, pollId), out var cached))
            return cached;
        var poll = await store.GetAsync(eventId, pollId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' has no poll '{pollId}'.");
        _definitions.TryAdd((eventId, pollId), poll);
        return poll;
    }

    private static Refusal NotOpen(string pollId) => Refusal.PollClosed($"Poll '{pollId}' is not open for votes.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {PollId} ({Kind}) created in event {EventId}")]
    private partial void LogCreated(string eventId, string pollId, PollKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {PollId} of event {EventId} opened; closes at {ClosesAt}")]
    private partial void LogOpened(string eventId, string pollId, DateTimeOffset? closesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {PollId} of event {EventId} closed with {Voters} voters")]
    private partial void LogClosed(string eventId, string pollId, long voters);
}

/// <summary>Who watches (the budget's owner: the attendee, or the connection for a token without a subject) and on which connection.</summary>
internal sealed record WatchingConnection(string Id, string ConnectionId);

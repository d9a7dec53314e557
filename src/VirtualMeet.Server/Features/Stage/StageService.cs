using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// The stage top to bottom: joining (the full state with versions), leaving, moderators' changes and reactions.
/// Questions live in <see cref="StageQuestions"/>, chat in <see cref="ChatService"/>; counters are pushed by
/// <see cref="StagePublisher"/>.
/// </summary>
internal sealed partial class StageService(
    IStageStore stages,
    IReactionStore reactions,
    IQuestionStore questions,
    IStageViewers viewers,
    ChatService chat,
    StageUpdateReader updates,
    StagePublisher publisher,
    StageNotifier notifier,
    AttendeeRateLimits limits,
    IAuditLog audit,
    IOptions<StageOptions> options,
    TimeProvider time,
    ILogger<StageService> logger)
{
    private const int SetAttempts = 5;

    /// <summary>Counts the connection as a viewer and returns the full state (rate rule <c>stage-joins</c>).</summary>
    /// <param name="enterGroup">Puts the connection into the push group it names (audience or moderators).</param>
    public async Task<StageState> JoinAsync(StageCaller caller, string connectionId, Func<string, Task> enterGroup, CancellationToken cancellationToken)
    {
        var (eventId, sessionId) = (caller.EventId, caller.SessionId);
        // The budget first: a refused join enters no group, counts as no viewer and reads nothing.
        await limits.AcquireOrThrowAsync(eventId, caller.UserId, RateLimitRules.StageJoins, cancellationToken);
        // The group before reading: a push racing the read is a duplicate the client drops by version, never a gap.
        await enterGroup(caller.IsModerator ? StageGroups.Moderators(eventId, sessionId) : StageGroups.Audience(eventId, sessionId));
        var viewerCount = await viewers.JoinAsync(caller, connectionId, cancellationToken);
        publisher.Watch(eventId, sessionId);

        var stage = StageViews.Stage(caller.Session, await stages.GetAsync(eventId, sessionId, cancellationToken), caller.Language);
        var totals = await reactions.TotalsAsync(eventId, sessionId, cancellationToken);
        var visible = (await questions.ListAsync(eventId, sessionId, cancellationToken))
            .Where(q => caller.IsModerator || q.IsPublic || q.AskerId == caller.UserId);
        var top = StageViews.Ranked(visible)
            .Take(options.Value.TopQuestions)
            .Select(q => StageViews.Question(sessionId, q, seesAll: caller.IsModerator || q.AskerId == caller.UserId))
            .ToList();
        var history = await chat.RecentAsync(eventId, StageGroups.Room(sessionId), cancellationToken);

        return new StageState(stage, StageViews.DefaultLanguage(stage, caller.Language, caller.Session.Language), time.GetUtcNow(),
            viewerCount, options.Value.AllowedReactions(), totals, top, history, caller.IsModerator);
    }

    public Task LeaveAsync(string eventId, string sessionId, string connectionId, CancellationToken cancellationToken) =>
        viewers.LeaveAsync(eventId, sessionId, connectionId, cancellationToken);

    /// <summary>Applies a moderator's change; concurrent changes are retried on the newer state, never lost.</summary>
    public async Task<StageView> SetAsync(StageCaller caller, StageUpdate? update, CancellationToken cancellationToken)
    {
        caller.RequireModerator();
        var (eventId, sessionId) = (caller.EventId, caller.SessionId);
        updates.Validate(update);
        for (var attempt = 0; attempt < SetAttempts; attempt++)
        {
            var current = await stages.GetAsync(eventId, sessionId, cancellationToken);
            var next = StageUpdateReader.Apply(current, update!);
            if (!await stages.TrySetAsync(eventId, sessionId, current?.Version ?? 0, next, cancellationToken))
                continue;

            // Pushed without a caller language: the agenda title falls back to English, then German.
            var view = StageViews.Stage(caller.Session, next, null);
            LogStageChanged(eventId, sessionId, next.Status, next.Version);
            await audit.RecordAsync(eventId, caller.Actor, AuditActions.StageSet, sessionId, $"status={next.Status}; version={next.Version}", cancellationToken);
            await notifier.StageUpdatedAsync(eventId, view);
            return view;
        }

        throw Refusal.Conflict("The stage kept changing meanwhile; try again.");
    }

    public async Task ReactAsync(StageCaller caller, string? reaction, CancellationToken cancellationToken)
    {
        var allowed = options.Value.AllowedReactions();
        var name = reaction?.Trim().ToLowerInvariant();
        if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            throw Refusal.InvalidArgument($"Reactions are {string.Join(", ", allowed)}.");

        await limits.AcquireOrThrowAsync(caller.EventId, caller.UserId, RateLimitRules.Reactions, cancellationToken);
        await reactions.AddAsync(caller.EventId, caller.SessionId, name, cancellationToken);
        publisher.MarkReactions(caller.EventId, caller.SessionId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage {SessionId} of event {EventId} is now {Status} (version {Version})")]
    private partial void LogStageChanged(string eventId, string sessionId, StageStatus status, long version);
}

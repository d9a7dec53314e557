using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Pushes the stage's high-rate counters coalesced, at most <see cref="StageOptions.MaxPushesPerSecond"/> times
/// per second per stage and counter across the cluster: reactions (each window taken from the store once, whichever
/// node takes it), viewer counts (re-read every tick, so seats freed by a dead node's reaping are pushed too) and
/// upvoted questions. Inputs only mark work; a failed round keeps it marked.
/// </summary>
internal sealed partial class StagePublisher(
    IReactionStore reactions,
    IStageStore stages,
    IQuestionStore questions,
    IStageViewers viewers,
    StageNotifier notifier,
    IOptions<StageOptions> options,
    TimeProvider time,
    ILogger<StagePublisher> logger) : CoalescingPublisher(time)
{
    private const string ViewersChannel = "viewers";

    private readonly CoalescedPushes<(string EventId, string SessionId), bool> _reacted =
        new((_, _) => true, (e, stage) => LogPushFailed(logger, e, stage.EventId, stage.SessionId));

    private readonly CoalescedPushes<(string EventId, string SessionId, string QuestionId), bool> _upvoted =
        new((_, _) => true, (e, key) => LogPushFailed(logger, e, key.EventId, key.SessionId));

    // Not coalesced work but a standing duty: the last viewer-count version this node saw pushed, per watched stage.
    private readonly ConcurrentDictionary<(string EventId, string SessionId), long> _watched = new();

    protected override TimeSpan PushInterval => options.Value.PushInterval;

    public void MarkReactions(string eventId, string sessionId) => _reacted.Mark((eventId, sessionId), true);

    public void MarkQuestion(string eventId, string sessionId, string questionId) => _upvoted.Mark((eventId, sessionId, questionId), true);

    /// <summary>This node has viewers on the stage: from now on it keeps the stage's viewer count pushed.</summary>
    public void Watch(string eventId, string sessionId) => _watched.TryAdd((eventId, sessionId), -1);

    /// <summary>One round over everything marked and every watched stage.</summary>
    public override async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var pushed = await _reacted.RunRoundAsync((stage, _, ct) => PublishReactionsAsync(stage, ct), cancellationToken);
        foreach (var stage in _watched.Keys)
        {
            try
            {
                if (await PublishViewersAsync(stage, cancellationToken))
                    pushed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The count is read again next tick.
                LogPushFailed(logger, e, stage.EventId, stage.SessionId);
            }
        }

        return pushed + await _upvoted.RunRoundAsync((key, _, ct) => PublishQuestionAsync(key, ct), cancellationToken);
    }

    private async Task<PushOutcome> PublishReactionsAsync((string EventId, string SessionId) stage, CancellationToken cancellationToken)
    {
        // The round unmarked the stage before this take: a reaction stored after it marks the stage again.
        var window = await reactions.TakeWindowAsync(stage.EventId, stage.SessionId, PushInterval, cancellationToken);
        if (window is null)
        {
            // Another node pushed within the interval; this node's reactions go out in a later window.
            return PushOutcome.Deferred;
        }

        if (window.IsEmpty)
            return PushOutcome.NothingToPush;
        await notifier.ReactionsAsync(stage.EventId, new ReactionsUpdate(stage.SessionId, window.Sequence, window.Counts, window.Totals));
        return PushOutcome.Pushed;
    }

    private async Task<bool> PublishViewersAsync((string EventId, string SessionId) stage, CancellationToken cancellationToken)
    {
        var count = await viewers.CountAsync(stage.EventId, stage.SessionId, cancellationToken);
        if (_watched.TryGetValue(stage, out var pushed) && count.Version <= pushed)
            return false;
        var claim = await stages.TryClaimPushAsync(stage.EventId, stage.SessionId, ViewersChannel, count.Version, PushInterval, cancellationToken);
        if (claim == PushClaim.Claimed)
            await notifier.ViewerCountAsync(stage.EventId, count);
        // Busy: another push runs within the interval; this version goes out on a later tick.
        if (claim != PushClaim.Busy)
            _watched[stage] = count.Version;
        return claim == PushClaim.Claimed;
    }

    private async Task<PushOutcome> PublishQuestionAsync((string EventId, string SessionId, string QuestionId) key, CancellationToken cancellationToken)
    {
        var question = await questions.GetAsync(key.EventId, key.SessionId, key.QuestionId, cancellationToken);
        if (question is null)
            return PushOutcome.NothingToPush;
        await notifier.QuestionUpdatedAsync(key.EventId, key.SessionId, question);
        return PushOutcome.Pushed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing counters of stage {SessionId} of event {EventId} failed; retrying")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string eventId, string sessionId);
}

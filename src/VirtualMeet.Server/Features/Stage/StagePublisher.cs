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
    ILogger<StagePublisher> logger) : BackgroundService
{
    private const string ViewersChannel = "viewers";

    private readonly ConcurrentDictionary<(string EventId, string SessionId), byte> _reactions = new();
    private readonly ConcurrentDictionary<(string EventId, string SessionId), long> _watched = new();
    private readonly ConcurrentDictionary<(string EventId, string SessionId, string QuestionId), byte> _questions = new();

    public void MarkReactions(string eventId, string sessionId) => _reactions[(eventId, sessionId)] = 0;

    public void MarkQuestion(string eventId, string sessionId, string questionId) => _questions[(eventId, sessionId, questionId)] = 0;

    /// <summary>This node has viewers on the stage: from now on it keeps the stage's viewer count pushed.</summary>
    public void Watch(string eventId, string sessionId) => _watched.TryAdd((eventId, sessionId), -1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Four ticks per push interval while each push claims a whole interval (see PollResultsPublisher).
        using var timer = new PeriodicTimer(options.Value.PushInterval / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PublishDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round over everything marked.</summary>
    public async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        foreach (var stage in _reactions.Keys)
            await GuardAsync(stage.EventId, stage.SessionId, () => PublishReactionsAsync(stage, cancellationToken), () => _reactions.TryAdd(stage, 0));
        foreach (var stage in _watched.Keys)
            await GuardAsync(stage.EventId, stage.SessionId, () => PublishViewersAsync(stage, cancellationToken));
        foreach (var key in _questions.Keys)
        {
            if (_questions.TryRemove(key, out _))
                await GuardAsync(key.EventId, key.SessionId, () => PublishQuestionAsync(key, cancellationToken), () => _questions.TryAdd(key, 0));
        }
    }

    private async Task PublishReactionsAsync((string EventId, string SessionId) stage, CancellationToken cancellationToken)
    {
        // Unmark before taking: a reaction stored after the take marks the stage again, so none is left behind.
        _reactions.TryRemove(stage, out _);
        var window = await reactions.TakeWindowAsync(stage.EventId, stage.SessionId, options.Value.PushInterval, cancellationToken);
        if (window is null)
        {
            // Another node pushed within the interval; this node's reactions go out in a later window.
            _reactions.TryAdd(stage, 0);
            return;
        }

        if (!window.IsEmpty)
            await notifier.ReactionsAsync(stage.EventId, new ReactionsUpdate(stage.SessionId, window.Sequence, window.Counts, window.Totals));
    }

    private async Task PublishViewersAsync((string EventId, string SessionId) stage, CancellationToken cancellationToken)
    {
        var count = await viewers.CountAsync(stage.EventId, stage.SessionId, cancellationToken);
        if (_watched.TryGetValue(stage, out var pushed) && count.Version <= pushed)
            return;
        var claim = await stages.TryClaimPushAsync(stage.EventId, stage.SessionId, ViewersChannel, count.Version, options.Value.PushInterval, cancellationToken);
        if (claim == PushClaim.Claimed)
            await notifier.ViewerCountAsync(stage.EventId, count);
        // Busy: another push runs within the interval; this version goes out on a later tick.
        if (claim != PushClaim.Busy)
            _watched[stage] = count.Version;
    }

    private async Task PublishQuestionAsync((string EventId, string SessionId, string QuestionId) key, CancellationToken cancellationToken)
    {
        var question = await questions.GetAsync(key.EventId, key.SessionId, key.QuestionId, cancellationToken);
        if (question is not null)
            await notifier.QuestionUpdatedAsync(key.EventId, key.SessionId, question);
    }

    private async Task GuardAsync(string eventId, string sessionId, Func<Task> round, Action? onFailure = null)
    {
        try
        {
            await round();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            onFailure?.Invoke();
            LogPushFailed(e, eventId, sessionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing counters of stage {SessionId} of event {EventId} failed; retrying")]
    private partial void LogPushFailed(Exception exception, string eventId, string sessionId);
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Breakouts;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// Sends everyone back to the stage when an event's breakout countdown ends. Every node that learns of a
/// countdown (the one that started it, any that serves a join during it) sets a timer; the store lets exactly
/// one of them complete it, so the return is announced once even when the starting node died.
/// </summary>
internal sealed partial class BreakoutCloseScheduler(
    IBreakoutStore store,
    IHubContext<BreakoutsHub, IBreakoutsClient> hub,
    TimeProvider time,
    ILogger<BreakoutCloseScheduler> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string EventId, DateTimeOffset ClosesAt), ITimer> _timers = new();

    /// <summary>Makes sure this node completes the countdown at <paramref name="closesAt"/> unless another does first.</summary>
    public void Ensure(string eventId, DateTimeOffset closesAt)
    {
        var key = (eventId, closesAt);
        if (_timers.ContainsKey(key))
            return;

        var due = closesAt - time.GetUtcNow();
        var timer = time.CreateTimer(_ => _ = CompleteAsync(key), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_timers.TryAdd(key, timer))
            timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        else
            timer.Dispose();
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
            timer.Dispose();
        _timers.Clear();
    }

    private async Task CompleteAsync((string EventId, DateTimeOffset ClosesAt) key)
    {
        if (_timers.TryRemove(key, out var timer))
            timer.Dispose();
        try
        {
            if (!await store.TryCompleteClosingAsync(key.EventId, key.ClosesAt, CancellationToken.None))
                return;
            LogClosed(key.EventId);
            await hub.Clients.Group(BreakoutGroups.Event(key.EventId)).ReturnToStage(new ReturnToStage(key.EventId));
        }
        catch (Exception ex)
        {
            // A timer callback has nobody to throw to; another node that knows the countdown may still complete it.
            LogCloseFailed(key.EventId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Breakouts of event {EventId} closed: everyone returns to the stage")]
    private partial void LogClosed(string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the breakouts of event {EventId} failed")]
    private partial void LogCloseFailed(string eventId, Exception exception);
}

using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// Sends everyone back to the stage when an event's breakout countdown ends. Every node that learns of a
/// countdown (the one that started it, any that serves a join during it) sets a timer; the store lets exactly
/// one of them complete it, so the return is announced once even when the starting node died.
/// </summary>
internal sealed partial class BreakoutCloseScheduler : IDisposable
{
    private readonly IBreakoutStore _store;
    private readonly IHubContext<BreakoutsHub, IBreakoutsClient> _hub;
    private readonly ILogger<BreakoutCloseScheduler> _logger;
    private readonly DeadlineTimers<(string EventId, DateTimeOffset ClosesAt)> _timers;

    public BreakoutCloseScheduler(
        IBreakoutStore store,
        IHubContext<BreakoutsHub, IBreakoutsClient> hub,
        TimeProvider time,
        ILogger<BreakoutCloseScheduler> logger)
    {
        (_store, _hub, _logger) = (store, hub, logger);
        // A failed close leaves the countdown to any other node that knows it.
        _timers = new(time, CompleteAsync, (e, countdown) => LogCloseFailed(logger, countdown.EventId, e));
    }

    /// <summary>Makes sure this node completes the countdown at <paramref name="closesAt"/> unless another does first.</summary>
    public void Ensure(string eventId, DateTimeOffset closesAt) => _timers.Ensure((eventId, closesAt), closesAt);

    public void Dispose() => _timers.Dispose();

    private async Task CompleteAsync((string EventId, DateTimeOffset ClosesAt) countdown)
    {
        if (!await _store.TryCompleteClosingAsync(countdown.EventId, countdown.ClosesAt, CancellationToken.None))
            return;
        LogClosed(_logger, countdown.EventId);
        await _hub.Clients.Group(BreakoutGroups.Event(countdown.EventId)).ReturnToStage(new ReturnToStage(countdown.EventId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Breakouts of event {EventId} closed: everyone returns to the stage")]
    private static partial void LogClosed(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the breakouts of event {EventId} failed")]
    private static partial void LogCloseFailed(ILogger logger, string eventId, Exception exception);
}

using System.Collections.Concurrent;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// Closes polls when their duration runs out, with timers from <see cref="TimeProvider"/>, on the node that
/// opened them and on every node that serves a read of the open poll. Losing every timer costs nothing: the
/// store refuses votes after <c>closesAt</c> and the next read records the close; several nodes closing is
/// harmless because the store lets exactly one caller close (and announce it).
/// </summary>
internal sealed partial class PollCloseScheduler(
    IServiceProvider services,
    TimeProvider time,
    ILogger<PollCloseScheduler> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string EventId, string PollId), ITimer> _timers = new();

    public void Schedule(PollDefinition poll, DateTimeOffset closesAt)
    {
        var key = (poll.EventId, poll.Id);
        var due = closesAt - time.GetUtcNow();
        var timer = time.CreateTimer(_ => _ = CloseAsync(key), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (_timers.TryRemove(key, out var previous))
            previous.Dispose();
        _timers[key] = timer;
    }

    /// <summary>
    /// Schedules the close unless this node already has a timer for the poll. Called whenever a node reads an
    /// open timed poll, so when the opening node dies, the node its watchers reconnect to takes over the close.
    /// </summary>
    public void EnsureScheduled(PollDefinition poll, DateTimeOffset closesAt)
    {
        if (!_timers.ContainsKey((poll.EventId, poll.Id)))
            Schedule(poll, closesAt);
    }

    public void Cancel(PollDefinition poll)
    {
        if (_timers.TryRemove((poll.EventId, poll.Id), out var timer))
            timer.Dispose();
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
            timer.Dispose();
        _timers.Clear();
    }

    private async Task CloseAsync((string EventId, string PollId) key)
    {
        try
        {
            // Resolved late: the service depends on this scheduler.
            var polls = services.GetRequiredService<PollService>();
            await polls.CloseAsync(key.EventId, key.PollId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A timer callback has nobody to throw to; the close is retried by the next read of the poll.
            LogAutoCloseFailed(e, key.EventId, key.PollId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic close of poll {PollId} of event {EventId} failed")]
    private partial void LogAutoCloseFailed(Exception exception, string eventId, string pollId);
}

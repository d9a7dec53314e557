using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// Closes polls when their duration runs out, with timers from <see cref="TimeProvider"/>, on the node that
/// opened them and on every node that serves a read of the open poll. Losing every timer costs nothing: the
/// store refuses votes after <c>closesAt</c> and the next read records the close; several nodes closing is
/// harmless because the store lets exactly one caller close (and announce it).
/// </summary>
internal sealed partial class PollCloseScheduler : IDisposable
{
    private readonly DeadlineTimers<(string EventId, string PollId)> _timers;

    public PollCloseScheduler(IServiceProvider services, TimeProvider time, ILogger<PollCloseScheduler> logger) =>
        _timers = new(
            time,
            // Resolved late: the service depends on this scheduler.
            poll => services.GetRequiredService<PollService>().CloseAsync(poll.EventId, poll.PollId, actor: null, CancellationToken.None),
            (e, poll) => LogAutoCloseFailed(logger, e, poll.EventId, poll.PollId));

    public void Schedule(PollDefinition poll, DateTimeOffset closesAt) => _timers.Schedule((poll.EventId, poll.Id), closesAt);

    /// <summary>
    /// Schedules the close unless this node already has a timer for the poll. Called whenever a node reads an
    /// open timed poll, so when the opening node dies, the node its watchers reconnect to takes over the close.
    /// </summary>
    public void EnsureScheduled(PollDefinition poll, DateTimeOffset closesAt) => _timers.Ensure((poll.EventId, poll.Id), closesAt);

    public void Cancel(PollDefinition poll) => _timers.Cancel((poll.EventId, poll.Id));

    public void Dispose() => _timers.Dispose();

    // The close is retried by the next read of the poll.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic close of poll {PollId} of event {EventId} failed")]
    private static partial void LogAutoCloseFailed(ILogger logger, Exception exception, string eventId, string pollId);
}

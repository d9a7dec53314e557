using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// Records unanswered requests as expired and tells both people, once across all nodes.
/// <para>
/// Why one-shot timers and not a cluster-wide periodic sweep: the store already treats an overdue request as
/// expired (it holds no slot, counts towards no cap, cannot be answered), and reads show it as expired, so
/// correctness never waits for this class; what is left is recording the status and the push. Every node that takes
/// or reads a request keeps a timer for its deadline (<see cref="DeadlineTimers{TKey}"/>, as for poll closes); when
/// several fire, the store's compare-and-set (requested → expired, allowed only once overdue) lets exactly one of
/// them change it, and only that one notifies. A node that dies with its timers loses nothing but time: the next
/// read of the request on any node (clients resync their meetings on reconnect) sets a timer that fires at once.
/// A sweep would need an index of the events with open requests and a claim per tick, for nothing more.
/// </para>
/// </summary>
internal sealed partial class MeetingExpiry : IDisposable
{
    private static readonly MeetingStatus[] Open = [MeetingStatus.Requested];

    private readonly IMatchmakingStore _store;
    private readonly IMeetingNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger<MeetingExpiry> _logger;
    private readonly DeadlineTimers<(string EventId, string MeetingId)> _timers;

    public MeetingExpiry(IMatchmakingStore store, IMeetingNotifier notifier, TimeProvider time, ILogger<MeetingExpiry> logger)
    {
        (_store, _notifier, _time, _logger) = (store, notifier, time, logger);
        // A failed expiry is retried by the next read of the request on any node.
        _timers = new(time, m => ExpireAsync(m.EventId, m.MeetingId, CancellationToken.None), (e, m) => LogExpiryFailed(e, m.EventId, m.MeetingId));
    }

    /// <summary>Makes sure this node expires the request at its deadline unless it is answered or expired first.</summary>
    public void Watch(MeetingRecord meeting)
    {
        if (meeting.Status == MeetingStatus.Requested)
            _timers.Ensure((meeting.EventId, meeting.Id), meeting.ExpiresAt);
    }

    /// <summary>Expires the request if it is overdue and still requested; true for the one caller that did.</summary>
    public async Task<bool> ExpireAsync(string eventId, string meetingId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (change, meeting) = await _store.TransitionAsync(eventId, meetingId, Open, MeetingStatus.Expired, now, cancellationToken);
        if (change != MeetingChange.Changed)
        {
            // A timer that fired a moment early finds the request not yet overdue: look again at the deadline.
            if (meeting is { Status: MeetingStatus.Requested })
                Watch(meeting);
            return false;
        }

        LogExpired(eventId, meetingId);
        var names = MatchmakingViews.NamesOf(await _store.ListProfilesAsync(eventId, cancellationToken));
        await _notifier.ChangedAsync(meeting!, MatchmakingViews.Meeting(meeting!, names));
        return true;
    }

    public void Dispose() => _timers.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} of event {EventId} expired unanswered")]
    private partial void LogExpired(string eventId, string meetingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring meeting {MeetingId} of event {EventId} failed")]
    private partial void LogExpiryFailed(Exception exception, string eventId, string meetingId);
}

using System.Collections.Concurrent;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// Makes an accepted meeting's private table appear for its pair when the slot starts: a <c>TableChanged</c> for
/// the bar <see cref="BarIds.Meetings"/>, sent to the two of them only. The timer lives on the node that took the
/// acceptance; a client that missed the push (or a node that restarted) still finds the table in <c>EnterBars</c>
/// during the slot, and the meeting itself carries its slot times and table id.
/// </summary>
internal sealed partial class MeetingTableAnnouncer : IDisposable
{
    private readonly BarTablesPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly DeadlineTimers<string> _timers;
    private readonly ConcurrentDictionary<string, MeetingRecord> _accepted = new(StringComparer.Ordinal);

    public MeetingTableAnnouncer(BarTablesPublisher publisher, TimeProvider time, ILogger<MeetingTableAnnouncer> logger)
    {
        (_publisher, _time) = (publisher, time);
        _timers = new(time, AnnounceAsync, (e, meetingId) => LogAnnounceFailed(logger, e, meetingId));
    }

    public void Changed(MeetingRecord meeting)
    {
        _timers.Cancel(meeting.Id);
        _accepted.TryRemove(meeting.Id, out _);
        if (meeting.Status != Contracts.Matchmaking.MeetingStatus.Accepted)
            return;

        _accepted[meeting.Id] = meeting;
        if (meeting.SlotStartsAt <= _time.GetUtcNow())
            _ = AnnounceAsync(meeting.Id);
        else
            _timers.Schedule(meeting.Id, meeting.SlotStartsAt);
    }

    public void Dispose() => _timers.Dispose();

    private Task AnnounceAsync(string meetingId)
    {
        if (_accepted.TryRemove(meetingId, out var meeting))
            _publisher.MarkDirty(meeting.EventId, BarIds.Meetings, MatchmakingViews.TableIdOf(meeting.Id));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing the table of meeting {MeetingId} failed")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string meetingId);
}

using System.Collections.Concurrent;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Features.Networking.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// Makes an accepted meeting's private table appear for its pair when the slot starts: a <c>TableChanged</c> for
/// the bar <see cref="BarIds.Meetings"/>, sent to the two of them only. The timer lives on the node that took the
/// acceptance; a client that missed the push (or a node that restarted) still finds the table in <c>EnterBars</c>
/// during the slot, and the meeting itself carries its slot times and table id.
/// </summary>
internal sealed class MeetingTableAnnouncer(BarTablesPublisher publisher, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    public void Changed(MeetingRecord meeting)
    {
        if (_timers.TryRemove(meeting.Id, out var previous))
            previous.Dispose();
        if (meeting.Status != Contracts.Matchmaking.MeetingStatus.Accepted)
            return;

        var due = meeting.SlotStartsAt - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Announce(meeting);
            return;
        }

        var timer = time.CreateTimer(_ => Announce(meeting), null, due, Timeout.InfiniteTimeSpan);
        _timers[meeting.Id] = timer;
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
            timer.Dispose();
        _timers.Clear();
    }

    private void Announce(MeetingRecord meeting)
    {
        if (_timers.TryRemove(meeting.Id, out var timer))
            timer.Dispose();
        publisher.MarkDirty(meeting.EventId, BarIds.Meetings, MatchmakingViews.TableIdOf(meeting.Id));
    }
}

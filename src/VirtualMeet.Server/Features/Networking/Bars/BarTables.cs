using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// What a table is: a public one from the event's bars, or the private two-seat table of a running 1:1 meeting
/// (bar <see cref="BarIds.Meetings"/>), and its state read from presence.
/// </summary>
internal sealed class BarTables(IEventStore events, IPresenceStore presence, IMatchmakingStore meetings, TimeProvider time)
{
    public const int MeetingSeats = 2;

    public async Task<EventDefinition?> EventAsync(string eventId, CancellationToken cancellationToken) =>
        await events.GetAsync(eventId, cancellationToken);

    /// <summary>The table's name, seats and, for a meeting table, its pair; null when no such table exists.</summary>
    public async Task<BarTable?> FindAsync(string eventId, string barId, string tableId, CancellationToken cancellationToken)
    {
        if (barId == BarIds.Meetings)
        {
            var meetingId = MatchmakingViews.MeetingIdOf(tableId);
            var meeting = meetingId is null ? null : await meetings.GetMeetingAsync(eventId, meetingId, cancellationToken);
            return meeting is null ? null : await MeetingTableAsync(meeting, cancellationToken);
        }

        var definition = await events.GetAsync(eventId, cancellationToken);
        var table = definition is null ? null : BarLayout.Of(definition, "de").Find(barId, tableId);
        return table is null ? null : new BarTable(barId, table.Id, table.Name, table.Seats, null);
    }

    public async Task<BarTable> MeetingTableAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        var requester = await meetings.GetProfileAsync(meeting.EventId, meeting.RequesterId, cancellationToken);
        var invitee = await meetings.GetProfileAsync(meeting.EventId, meeting.InviteeId, cancellationToken);
        var name = $"{requester?.DisplayName ?? meeting.RequesterId} & {invitee?.DisplayName ?? meeting.InviteeId}";
        return new BarTable(BarIds.Meetings, MatchmakingViews.TableIdOf(meeting.Id), name, MeetingSeats, meeting);
    }

    /// <summary>Accepted meetings of the attendee whose slot runs now.</summary>
    public async Task<IReadOnlyList<MeetingRecord>> RunningMeetingsAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await meetings.ListMeetingsAsync(eventId, attendeeId, cancellationToken)).Where(m => m.IsRunning(now)).ToList();
    }

    public bool IsRunning(MeetingRecord meeting) => meeting.IsRunning(time.GetUtcNow());

    public async Task<TableState> StateAsync(string eventId, BarTable table, CancellationToken cancellationToken)
    {
        var snapshot = await presence.GetAsync(BarRooms.Table(eventId, table.BarId, table.TableId), cancellationToken);
        return State(table, snapshot.Members, snapshot.Version);
    }

    public static TableState State(BarTable table, IReadOnlyList<PresenceMember> members, long version) => new(
        table.BarId,
        table.TableId,
        table.Name,
        table.Seats,
        members.Select(m => new TableOccupant(m.AttendeeId, m.DisplayName)).ToList(),
        version);
}

/// <param name="Meeting">Set for the private table of a meeting: only its pair may see it or sit there.</param>
internal sealed record BarTable(string BarId, string TableId, string Name, int Seats, MeetingRecord? Meeting);

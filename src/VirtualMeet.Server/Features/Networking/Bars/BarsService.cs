using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// The Vernetz-BARs, top to bottom: enter, sit down, stand up, chat and signal at one's table. Presence decides
/// every race (capacity, one seat per attendee across all bars); this class checks who may sit where, tells the
/// table at once and marks the bar for the coalesced <c>TableChanged</c>. Pushes to a table go to the users the
/// store lists as sitting there, so nothing reaches anyone who is not at that table.
/// </summary>
internal sealed partial class BarsService(
    BarTables tables,
    IPresenceStore presence,
    ClusterNode node,
    IAttendeeStore attendees,
    ChatService chat,
    AttendeeRateLimits limits,
    BarTablesPublisher publisher,
    IHubContext<BarsHub, IBarsClient> hub,
    IOptions<BarsOptions> options,
    TimeProvider time,
    ILogger<BarsService> logger)
{
    private const string MeetingsBarName = "Matchmaking";

    /// <summary>
    /// Every bar with its tables and who sits there; from now on the connection hears <c>TableChanged</c> (rate rule
    /// <c>bar-entries</c>, charged to <paramref name="callerId"/>, who is the attendee or an organizer).
    /// </summary>
    public async Task<BarsSnapshot> EnterAsync(
        string eventId, string callerId, string? attendeeId, string language, string connectionId, CancellationToken cancellationToken)
    {
        // The event first (a made-up id gets no budget), then the budget: a refused entry watches nothing, reads no table.
        var definition = await tables.EventAsync(eventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
        await limits.AcquireOrThrowAsync(eventId, callerId, RateLimitRules.BarEntries, cancellationToken);
        // Join before reading: a push racing the read is a duplicate the client drops by version, never a gap.
        await hub.Groups.AddToGroupAsync(connectionId, BarRooms.Watchers(eventId), cancellationToken);
        var bars = new List<BarState>();
        foreach (var bar in BarLayout.Of(definition, language).Bars)
        {
            var states = new List<TableState>();
            foreach (var table in bar.Tables)
                states.Add(await tables.StateAsync(eventId, new BarTable(bar.Id, table.Id, table.Name, table.Seats, null), cancellationToken));
            bars.Add(new BarState(bar.Id, bar.Name, Private: false, states));
        }

        if (attendeeId is null)
            return new BarsSnapshot(eventId, bars, null);

        var mine = new List<TableState>();
        foreach (var meeting in await tables.RunningMeetingsAsync(eventId, attendeeId, cancellationToken))
            mine.Add(await tables.StateAsync(eventId, await tables.MeetingTableAsync(meeting, cancellationToken), cancellationToken));
        if (mine.Count > 0)
            bars.Add(new BarState(BarIds.Meetings, MeetingsBarName, Private: true, mine));

        var seat = BarRooms.Parse(await presence.GetRoomInScopeAsync(eventId, BarRooms.Scope, attendeeId, cancellationToken));
        return new BarsSnapshot(eventId, bars, seat is { } s ? new TableLocation(s.BarId, s.TableId) : null);
    }

    /// <summary>Takes a seat at the table, giving up the caller's seat elsewhere in the bars in the same step (rate rule <c>table-joins</c>).</summary>
    public async Task<JoinedTable> JoinAsync(BarCaller caller, string barId, string tableId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(barId) || string.IsNullOrWhiteSpace(tableId))
            throw Refusal.InvalidArgument("Name the bar and the table.");
        // Every hop pushes to two tables and the bars; the budget comes before any of it.
        await limits.AcquireOrThrowAsync(caller.EventId, caller.AttendeeId, RateLimitRules.TableJoins, cancellationToken);
        var table = await tables.FindAsync(caller.EventId, barId, tableId, cancellationToken);
        // A meeting table of others is reported like a missing one: its existence is private.
        if (table is null || table.Meeting is { } meeting && !meeting.Involves(caller.AttendeeId))
            throw Refusal.NotFound($"There is no table '{tableId}' in bar '{barId}'.");
        if (table.Meeting is { } own && !tables.IsRunning(own))
            throw Refusal.Conflict("This meeting's table is open only during its accepted slot.");
        return await SitAsync(caller, table, cancellationToken) ?? throw Full(table);
    }

    /// <summary>
    /// Seats the caller at a public table with room: preferably one where someone sits alone, then where people
    /// share the caller's interests, then one with people over an empty one.
    /// </summary>
    public async Task<JoinedTable> FindTableAsync(BarCaller caller, CancellationToken cancellationToken)
    {
        // The budget first (rule table-finds): the search reads every table and one attendee per seated person.
        await limits.AcquireOrThrowAsync(caller.EventId, caller.AttendeeId, RateLimitRules.TableFinds, cancellationToken);
        var definition = await tables.EventAsync(caller.EventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{caller.EventId}' does not exist.");
        var current = await presence.GetRoomInScopeAsync(caller.EventId, BarRooms.Scope, caller.AttendeeId, cancellationToken);
        var mine = new HashSet<string>(await InterestsOfAsync(caller.EventId, caller.AttendeeId, cancellationToken), StringComparer.OrdinalIgnoreCase);
        var candidates = new List<(BarTable Table, int Count, int Shared, int Order)>();
        var order = 0;
        foreach (var (bar, definitionTable) in BarLayout.Of(definition, caller.Language).Tables())
        {
            var table = new BarTable(bar.Id, definitionTable.Id, definitionTable.Name, definitionTable.Seats, null);
            var room = BarRooms.Table(caller.EventId, bar.Id, table.TableId);
            order++;
            if (room.RoomId == current)
                continue;
            var snapshot = await presence.GetAsync(room, cancellationToken);
            if (snapshot.Members.Count >= table.Seats)
                continue;
            var shared = 0;
            foreach (var member in snapshot.Members)
                shared += (await InterestsOfAsync(caller.EventId, member.AttendeeId, cancellationToken)).Count(mine.Contains);
            candidates.Add((table, snapshot.Members.Count, shared, order));
        }

        var ranked = candidates
            .OrderByDescending(c => c.Count == 1)
            .ThenByDescending(c => c.Shared)
            .ThenByDescending(c => c.Count > 0)
            .ThenBy(c => c.Order)
            .Take(options.Value.FindTableAttempts);
        foreach (var candidate in ranked)
        {
            // Someone may take the last seat between reading and joining; the next best table is as good.
            if (await SitAsync(caller, candidate.Table, cancellationToken) is { } joined)
                return joined;
        }

        throw Refusal.RoomFull("Every table in the bars is full right now.");
    }

    /// <summary>Stands the caller up (all their tabs); standing when not seated changes nothing.</summary>
    public Task LeaveAsync(BarCaller caller, CancellationToken cancellationToken) =>
        StandUpAsync(caller.EventId, caller.AttendeeId, cancellationToken);

    /// <summary>Frees the attendee's seat wherever it is in the event's bars (all tabs) and tells the table and the bars.</summary>
    public async Task StandUpAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var room = await presence.GetRoomInScopeAsync(eventId, BarRooms.Scope, attendeeId, cancellationToken);
        if (room is null)
            return;
        if (await presence.RemoveAttendeeAsync(new PresenceRoom(eventId, room), attendeeId, cancellationToken) is { } change)
            await AnnounceLeftAsync(change, cancellationToken);
    }

    /// <summary>The connection dropped: its seat is held for the reconnect grace, then freed by the reaper.</summary>
    public async Task DisconnectAsync(BarCaller caller, CancellationToken cancellationToken)
    {
        var room = await presence.GetRoomInScopeAsync(caller.EventId, BarRooms.Scope, caller.AttendeeId, cancellationToken);
        if (room is null)
            return;
        var now = time.GetUtcNow();
        var change = await presence.DisconnectAsync(new PresenceRoom(caller.EventId, room), caller.ConnectionId, now + options.Value.ReconnectGrace, now, cancellationToken);
        if (change is not null)
            await AnnounceLeftAsync(change, cancellationToken);
    }

    public async Task<TableChatMessage> SendChatAsync(BarCaller caller, string? text, CancellationToken cancellationToken)
    {
        var (room, seat) = await SeatOfAsync(caller, cancellationToken);
        var message = await chat.PostAsync(caller.EventId, room.RoomId, caller.Author, text, cancellationToken);
        var line = new TableChatMessage(seat.BarId, seat.TableId, message);
        await hub.Clients.Users(await MembersAsync(room, cancellationToken)).ChatReceived(line);
        return line;
    }

    /// <summary>Relays a WebRTC message to someone at the caller's own table, and only there (rate rule <c>signals</c>).</summary>
    public async Task SignalAsync(BarCaller caller, string? toParticipantId, JsonElement payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(toParticipantId) || toParticipantId == caller.AttendeeId)
            throw Refusal.InvalidArgument("Name someone else at your table.");
        var size = payload.ValueKind == JsonValueKind.Undefined ? 0 : Encoding.UTF8.GetByteCount(payload.GetRawText());
        if (size == 0 || size > options.Value.MaxSignalPayloadBytes)
            throw Refusal.InvalidArgument($"A signal payload has 1 to {options.Value.MaxSignalPayloadBytes} bytes; this one has {size}.");

        var (room, _) = await SeatOfAsync(caller, cancellationToken);
        await limits.AcquireOrThrowAsync(caller.EventId, caller.AttendeeId, RateLimitRules.Signals, cancellationToken);
        var theirs = await presence.GetRoomInScopeAsync(caller.EventId, BarRooms.Scope, toParticipantId, cancellationToken);
        if (theirs != room.RoomId)
            throw Refusal.NotAMember($"'{toParticipantId}' is not at your table.");
        await hub.Clients.User(toParticipantId).Signal(new TableSignal(caller.AttendeeId, payload));
    }

    /// <summary>Seats freed in the background (grace passed, node died): tell the tables and the bars.</summary>
    public async Task OnSeatsFreedAsync(IReadOnlyList<PresenceSeatChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
            await AnnounceLeftAsync(change, cancellationToken);
    }

    private async Task<JoinedTable?> SitAsync(BarCaller caller, BarTable table, CancellationToken cancellationToken)
    {
        var room = BarRooms.Table(caller.EventId, table.BarId, table.TableId);
        var join = new PresenceJoin(
            caller.AttendeeId, caller.Author.Name, caller.Author.Role, caller.ConnectionId, node.Id, time.GetUtcNow(),
            Capacity: table.Seats, ExclusiveScope: BarRooms.Scope);
        var result = await presence.JoinAsync(room, join, cancellationToken);
        if (result.Status == PresenceJoinStatus.Full)
            return null;

        if (result.Left is { } left)
            await AnnounceLeftAsync(left, cancellationToken);
        var members = result.Members ?? (await presence.GetAsync(room, cancellationToken)).Members;
        if (result.Status == PresenceJoinStatus.Joined)
        {
            LogSeated(caller.EventId, table.BarId, table.TableId, result.Count);
            publisher.MarkDirty(caller.EventId, table.BarId, table.TableId);
            var joined = new TableParticipantChange(table.BarId, table.TableId, caller.AttendeeId, caller.Author.Name, result.Version);
            await hub.Clients.Users(members.Select(m => m.AttendeeId).ToList()).ParticipantJoined(joined);
        }

        var history = await chat.RecentAsync(caller.EventId, room.RoomId, cancellationToken);
        return new JoinedTable(BarTables.State(table, members, result.Version), history);
    }

    private async Task AnnounceLeftAsync(PresenceSeatChange change, CancellationToken cancellationToken)
    {
        if (BarRooms.Parse(change.Room.RoomId) is not { } seat)
            return;
        publisher.MarkDirty(change.Room.EventId, seat.BarId, seat.TableId);
        var notice = new TableParticipantChange(seat.BarId, seat.TableId, change.AttendeeId, null, change.Version);
        // The one who left hears it too, on every tab: their seat is gone wherever it was held.
        var audience = (await MembersAsync(change.Room, cancellationToken)).Append(change.AttendeeId).Distinct().ToList();
        await hub.Clients.Users(audience).ParticipantLeft(notice);
    }

    private async Task<(PresenceRoom Room, (string BarId, string TableId) Seat)> SeatOfAsync(BarCaller caller, CancellationToken cancellationToken)
    {
        var roomId = await presence.GetRoomInScopeAsync(caller.EventId, BarRooms.Scope, caller.AttendeeId, cancellationToken);
        return BarRooms.Parse(roomId) is { } seat
            ? (new PresenceRoom(caller.EventId, roomId!), seat)
            : throw Refusal.NotAMember("Sit down at a table first.");
    }

    private async Task<IReadOnlyList<string>> MembersAsync(PresenceRoom room, CancellationToken cancellationToken) =>
        (await presence.GetAsync(room, cancellationToken)).Members.Select(m => m.AttendeeId).ToList();

    private async Task<IReadOnlyList<string>> InterestsOfAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        (await attendees.GetAsync(eventId, attendeeId, cancellationToken))?.Interests ?? [];

    private static Refusal Full(BarTable table) =>
        Refusal.RoomFull($"{table.Name} has {table.Seats} of {table.Seats} seats taken.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Seated at table {TableId} of bar {BarId} of event {EventId}; {Count} seated")]
    private partial void LogSeated(string eventId, string barId, string tableId, int count);
}

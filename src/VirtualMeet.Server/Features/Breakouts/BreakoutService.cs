using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// A participant in breakout rooms: join (seat via presence, atomic across nodes), leave, drop (grace), chat,
/// hands and WebRTC signalling. Pushes go through the hub context so they reach every node's connections.
/// </summary>
internal sealed partial class BreakoutService(
    IPresenceStore presence,
    ClusterNode node,
    ConnectionGroups groups,
    IBreakoutStore store,
    ISessionRegistrationStore registrations,
    ChatService chat,
    AttendeeRateLimits limits,
    BreakoutCloseScheduler closing,
    IHubContext<BreakoutsHub, IBreakoutsClient> hub,
    IOptions<BreakoutsOptions> options,
    TimeProvider time,
    ILogger<BreakoutService> logger)
{
    /// <summary>Takes a seat for the caller on this connection and returns the room.</summary>
    /// <param name="previous">The breakout this connection was in, whose group it leaves.</param>
    public async Task<BreakoutRoomState> JoinAsync(BreakoutCaller caller, BreakoutSession room, string connectionId, BreakoutSession? previous, CancellationToken cancellationToken)
    {
        if (room.Session.RegistrationRequired && !caller.Moderates(room.Session))
        {
            var place = await registrations.GetAsync(room.EventId, room.SessionId, caller.UserId, cancellationToken);
            if (place.Status != SessionRegistrationStatus.Confirmed && !await store.IsAdmittedAsync(room.EventId, room.SessionId, caller.UserId, cancellationToken))
                throw Refusal.Forbidden($"Breakout '{room.SessionId}' admits confirmed registrations (and whom a moderator moved there) only.");
        }

        // Into the group before taking the seat: a push racing the snapshot is a duplicate the client drops by
        // version, never a gap.
        var group = BreakoutGroups.Room(room.EventId, room.SessionId);
        await groups.JoinAllAsync(hub.Groups, connectionId, [group, BreakoutGroups.Event(room.EventId)], cancellationToken);
        var join = new PresenceJoin(caller.UserId, caller.Name, caller.Role, connectionId, node.Id, time.GetUtcNow(),
            room.Session.Capacity, BreakoutGroups.Scope);
        var result = await presence.JoinAsync(BreakoutGroups.Presence(room.EventId, room.SessionId), join, cancellationToken);
        if (result.Status == PresenceJoinStatus.Full)
        {
            // A refused join leaves the connection in the groups it had, and only those.
            if (previous?.SessionId != room.SessionId || previous.EventId != room.EventId)
                await hub.Groups.RemoveFromGroupAsync(connectionId, group, cancellationToken);
            if (previous?.EventId != room.EventId)
                await hub.Groups.RemoveFromGroupAsync(connectionId, BreakoutGroups.Event(room.EventId), cancellationToken);
            throw Refusal.RoomFull($"Breakout '{room.SessionId}' has {result.Count} of {result.Capacity} seats taken.");
        }

        if (previous is not null && previous.SessionId != room.SessionId)
            await hub.Groups.RemoveFromGroupAsync(connectionId, BreakoutGroups.Room(previous.EventId, previous.SessionId), cancellationToken);
        if (result.Left is { } left)
            await SeatFreedAsync(left, cancellationToken);

        var hands = await store.GetHandsAsync(room.EventId, room.SessionId, cancellationToken);
        if (result.Status == PresenceJoinStatus.Joined)
        {
            LogJoined(room.EventId, room.SessionId, caller.UserId, result.Count);
            await hub.Clients.Group(group).ParticipantJoined(
                new ParticipantJoined(room.SessionId, new BreakoutParticipant(caller.UserId, caller.Name, caller.Role, false), result.Version));
        }

        var closesAt = await store.GetClosingAsync(room.EventId, cancellationToken);
        if (closesAt is { } deadline)
            closing.Ensure(room.EventId, deadline);

        var raised = hands.RaisedHands.ToHashSet(StringComparer.Ordinal);
        return new BreakoutRoomState(
            room.EventId,
            room.SessionId,
            room.Session.Capacity,
            result.Version,
            [.. result.Members!.Select(m => new BreakoutParticipant(m.AttendeeId, m.DisplayName, m.Role, raised.Contains(m.AttendeeId)))],
            hands.RaisedHands,
            hands.Version,
            await chat.RecentAsync(room.EventId, BreakoutGroups.Chat(room.SessionId), cancellationToken),
            await store.GetVideoUrlAsync(room.EventId, room.SessionId, cancellationToken),
            closesAt);
    }

    /// <summary>This connection leaves the room; the seat goes when it was the attendee's last connection.</summary>
    public async Task LeaveAsync(BreakoutSession room, string connectionId, CancellationToken cancellationToken)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, BreakoutGroups.Room(room.EventId, room.SessionId), cancellationToken);
        if (await presence.LeaveAsync(BreakoutGroups.Presence(room.EventId, room.SessionId), connectionId, cancellationToken) is { } freed)
            await SeatFreedAsync(freed, cancellationToken);
    }

    /// <summary>The connection dropped: it holds the seat for the grace period (the reaper frees it afterwards).</summary>
    public async Task DisconnectedAsync(BreakoutSession room, string connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var freed = await presence.DisconnectAsync(BreakoutGroups.Presence(room.EventId, room.SessionId), connectionId, now + options.Value.Grace, now, cancellationToken);
        if (freed is not null)
            await SeatFreedAsync(freed, cancellationToken);
    }

    public async Task<ChatMessage> SendChatAsync(BreakoutCaller caller, BreakoutSession room, string? text, CancellationToken cancellationToken)
    {
        await RequireMemberAsync(room, caller.UserId, "You are not in this breakout.", cancellationToken);
        var line = await chat.PostAsync(room.EventId, BreakoutGroups.Chat(room.SessionId), new ChatAuthor(caller.UserId, caller.Name, caller.Role), text, cancellationToken);
        await hub.Clients.Group(BreakoutGroups.Room(room.EventId, room.SessionId)).ChatReceived(new BreakoutChatLine(room.SessionId, line));
        return line;
    }

    /// <summary>Raises or lowers the caller's hand (rate rule <c>hands</c>: every change is pushed to the whole room).</summary>
    public async Task SetHandAsync(BreakoutCaller caller, BreakoutSession room, bool raised, CancellationToken cancellationToken)
    {
        await limits.AcquireOrThrowAsync(room.EventId, caller.UserId, RateLimitRules.Hands, cancellationToken);
        await RequireMemberAsync(room, caller.UserId, "You are not in this breakout.", cancellationToken);
        var update = raised
            ? await store.RaiseHandAsync(room.EventId, room.SessionId, caller.UserId, cancellationToken)
            : await store.LowerHandAsync(room.EventId, room.SessionId, caller.UserId, cancellationToken);
        if (update.Changed)
            await PushHandsAsync(room.EventId, room.SessionId, update);
    }

    /// <summary>Relays a WebRTC message between two members of the same room, and only then.</summary>
    public async Task SignalAsync(BreakoutCaller caller, BreakoutSession room, string? toParticipantId, JsonElement payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(toParticipantId))
            throw Refusal.InvalidArgument("Name the participant to signal.");
        if (payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw Refusal.InvalidArgument("A signal needs a payload.");
        var max = options.Value.MaxSignalPayloadBytes;
        // Measured as the JSON the receiver gets, whatever shape (string or object) the sender chose.
        if (Encoding.UTF8.GetByteCount(payload.GetRawText()) > max)
            throw Refusal.InvalidArgument($"A signal payload has at most {max} bytes of JSON.");

        await RequireMemberAsync(room, caller.UserId, "You are not in this breakout.", cancellationToken);
        await RequireMemberAsync(room, toParticipantId, $"Participant '{toParticipantId}' is not in this breakout.", cancellationToken);
        await limits.AcquireOrThrowAsync(room.EventId, caller.UserId, RateLimitRules.Signals, cancellationToken);
        await hub.Clients.User(toParticipantId).Signal(new SignalMessage(room.SessionId, caller.UserId, payload.Clone()));
    }

    /// <summary>A seat was freed (left, moved, removed, grace expired, node died): its hand goes down, the room hears it.</summary>
    public async Task SeatFreedAsync(PresenceSeatChange freed, CancellationToken cancellationToken)
    {
        var sessionId = BreakoutGroups.SessionOf(freed.Room);
        LogLeft(freed.Room.EventId, sessionId, freed.AttendeeId, freed.Count);
        await hub.Clients.Group(BreakoutGroups.Room(freed.Room.EventId, sessionId))
            .ParticipantLeft(new ParticipantLeft(sessionId, freed.AttendeeId, freed.Version));
        await LowerHandAsync(freed.Room.EventId, sessionId, freed.AttendeeId, cancellationToken);
    }

    /// <summary>Takes the attendee's hand out of the room's queue and tells the room, if it was up.</summary>
    public async Task LowerHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        var hands = await store.LowerHandAsync(eventId, sessionId, attendeeId, cancellationToken);
        if (hands.Changed)
            await PushHandsAsync(eventId, sessionId, hands);
    }

    private Task PushHandsAsync(string eventId, string sessionId, HandsUpdate update) =>
        hub.Clients.Group(BreakoutGroups.Room(eventId, sessionId)).HandsChanged(new HandsChanged(sessionId, update.RaisedHands, update.Version));

    private async Task RequireMemberAsync(BreakoutSession room, string attendeeId, string message, CancellationToken cancellationToken)
    {
        if (!await presence.IsMemberAsync(BreakoutGroups.Presence(room.EventId, room.SessionId), attendeeId, cancellationToken))
            throw Refusal.NotAMember(message);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{AttendeeId} joined breakout {SessionId} of event {EventId} ({SeatCount} seats taken)")]
    private partial void LogJoined(string eventId, string sessionId, string attendeeId, int seatCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{AttendeeId} left breakout {SessionId} of event {EventId} ({SeatCount} seats taken)")]
    private partial void LogLeft(string eventId, string sessionId, string attendeeId, int seatCount);
}

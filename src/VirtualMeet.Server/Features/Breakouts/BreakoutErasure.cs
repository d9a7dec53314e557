using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// An attendee's erasure in the breakouts, told to each room as a normal leave would be: their seat goes
/// (<c>ParticipantLeft</c>), their hand comes down in every breakout (<c>HandsChanged</c>), and their chat lines become
/// tombstones (<c>ChatDeleted</c>). Admissions a moderator granted go with the store's own erasure.
/// </summary>
internal sealed class BreakoutErasure(
    IEventStore events,
    IPresenceStore presence,
    BreakoutService breakouts,
    ChatService chat,
    IHubContext<BreakoutsHub, IBreakoutsClient> hub) : IAttendeeScopedData
{
    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        // One breakout at a time (the exclusive scope), including a seat held for someone a moderator moved.
        if (await presence.GetRoomInScopeAsync(eventId, BreakoutGroups.Scope, attendeeId, cancellationToken) is { } roomId
            && await presence.RemoveAttendeeAsync(new PresenceRoom(eventId, roomId), attendeeId, cancellationToken) is { } freed)
        {
            await breakouts.SeatFreedAsync(freed, cancellationToken);
        }

        // A hand may be up in a room whose seat went another way; every breakout of the event is asked.
        if (await events.GetAsync(eventId, cancellationToken) is { } definition)
        {
            foreach (var session in definition.Sessions.Where(s => s.Kind == SessionKind.Breakout))
                await breakouts.LowerHandAsync(eventId, session.Id, attendeeId, cancellationToken);
        }

        foreach (var line in await chat.EraseAuthorAsync(eventId, BreakoutGroups.RoomPrefix, attendeeId, cancellationToken))
        {
            var sessionId = line.RoomId[BreakoutGroups.RoomPrefix.Length..];
            await hub.Clients.Group(BreakoutGroups.Room(eventId, sessionId))
                .ChatDeleted(new BreakoutChatDeleted(sessionId, line.MessageId, line.Version));
        }
    }
}

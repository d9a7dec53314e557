using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// An attendee's erasure in the Vernetz-BARs, told as a normal stand-up would be: their seat (a public table or a
/// meeting's private one) goes with <c>ParticipantLeft</c> and <c>TableChanged</c>, and each of their table chat lines
/// becomes a tombstone pushed as <c>ChatDeleted</c> to whoever sits at that table now.
/// </summary>
internal sealed class BarErasure(
    BarsService bars,
    IPresenceStore presence,
    ChatService chat,
    IHubContext<BarsHub, IBarsClient> hub) : IAttendeeScopedData
{
    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        await bars.StandUpAsync(eventId, attendeeId, cancellationToken);
        foreach (var line in await chat.EraseAuthorAsync(eventId, BarRooms.Prefix, attendeeId, cancellationToken))
        {
            if (BarRooms.Parse(line.RoomId) is not { } table)
                continue;
            var seated = (await presence.GetAsync(new PresenceRoom(eventId, line.RoomId), cancellationToken)).Members;
            if (seated.Count > 0)
            {
                await hub.Clients.Users(seated.Select(m => m.AttendeeId).ToList())
                    .ChatDeleted(new TableChatDeleted(table.BarId, table.TableId, line.MessageId, line.Version));
            }
        }
    }
}

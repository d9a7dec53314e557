using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>
/// Personal notifications. Pushes are addressed with <c>Clients.User(attendeeId)</c>, so a user connected to any
/// node with any number of tabs gets them. <see cref="GetRegistrations"/> is the snapshot a client takes after
/// (re)connecting, so a push missed while offline is never lost.
/// </summary>
[Authorize]
public sealed class NotificationsHub(ISessionRegistrationStore seats) : Hub<INotificationsClient>
{
    /// <summary>The caller's seats and waitlist places in the event of their token.</summary>
    public async Task<IReadOnlyList<SessionRegistrationEntry>> GetRegistrations()
    {
        var user = Context.User!;
        var eventId = user.FindFirstValue(VirtualMeetClaims.EventId)
            ?? throw Refusal.InvalidArgument("This token belongs to no event.");
        var attendeeId = user.UserId()!;

        var entries = new List<SessionRegistrationEntry>();
        foreach (var sessionId in await seats.GetSessionsOfAsync(eventId, attendeeId, Context.ConnectionAborted))
        {
            var place = await seats.GetAsync(eventId, sessionId, attendeeId, Context.ConnectionAborted);
            entries.Add(new SessionRegistrationEntry(sessionId, place.Status, place.Position));
        }

        return entries;
    }
}

using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Pushes registration changes to the affected user over the notifications hub.</summary>
internal sealed partial class HubRegistrationNotifier(
    IHubContext<NotificationsHub, INotificationsClient> hub,
    ILogger<HubRegistrationNotifier> logger) : IRegistrationNotifier
{
    public async Task PromotedAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.User(attendeeId).RegistrationChanged(
                new RegistrationChanged(eventId, sessionId, SessionRegistrationStatus.Confirmed, null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The promotion is already stored; the attendee sees it on their next read. A push failure must
            // not turn the canceller's request into an error.
            LogPushFailed(e, eventId, sessionId, attendeeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify attendee {AttendeeId} of their promotion in session {SessionId} of event {EventId}")]
    private partial void LogPushFailed(Exception exception, string eventId, string sessionId, string attendeeId);
}

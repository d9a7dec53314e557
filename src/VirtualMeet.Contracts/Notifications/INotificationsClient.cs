using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Contracts.Notifications;

/// <summary>Server-to-client methods of the notifications hub (<see cref="HubRoutes.Notifications"/>).</summary>
public interface INotificationsClient
{
    /// <summary>The caller's registration for a session changed without their doing, e.g. a waitlist promotion.</summary>
    Task RegistrationChanged(RegistrationChanged change);
}

/// <summary>Pushed to one attendee when their session registration changes.</summary>
public sealed record RegistrationChanged(string EventId, string SessionId, SessionRegistrationStatus Status, int? Position);

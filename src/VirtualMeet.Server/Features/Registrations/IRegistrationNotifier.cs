namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Tells attendees about changes they did not make themselves, e.g. a waitlist promotion.</summary>
public interface IRegistrationNotifier
{
    Task PromotedAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);
}

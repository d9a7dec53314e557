namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Attendees of events.</summary>
public interface IAttendeeStore
{
    Task AddAsync(Attendee attendee, CancellationToken cancellationToken);

    Task<Attendee?> GetAsync(string eventId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Removes the attendee's record; <c>false</c> when there was none.</summary>
    Task<bool> DeleteAsync(string eventId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Every attendee registered for the event, in no particular order (organizer reports).</summary>
    Task<IReadOnlyList<Attendee>> ListAsync(string eventId, CancellationToken cancellationToken);
}

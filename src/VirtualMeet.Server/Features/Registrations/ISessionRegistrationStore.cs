using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>
/// Seats and waitlists of sessions. Every operation is atomic for the session (a Lua script on Redis), so any
/// number of nodes can register concurrently without overbooking, and repeats are harmless.
/// </summary>
public interface ISessionRegistrationStore
{
    /// <summary>
    /// Confirms the attendee while fewer than <paramref name="capacity"/> hold a seat (<c>null</c>: unlimited),
    /// otherwise appends them to the waitlist. An attendee already registered keeps their place.
    /// </summary>
    Task<SessionPlace> RegisterAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the attendee's seat or waitlist place. A freed seat goes to the first waiting attendees until the
    /// session is full again; they are returned in order.
    /// </summary>
    Task<Cancellation> CancelAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken);

    /// <summary>Where the attendee stands; <see cref="SessionRegistrationStatus.None"/> when not registered.</summary>
    Task<SessionPlace> GetAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Ids of the sessions the attendee is confirmed or waitlisted for.</summary>
    Task<IReadOnlyList<string>> GetSessionsOfAsync(string eventId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Confirmed attendees and the waitlist, each in order of registration.</summary>
    Task<SessionRoster> GetRosterAsync(string eventId, string sessionId, CancellationToken cancellationToken);
}

/// <param name="Position">1-based waitlist place when waitlisted.</param>
public sealed record SessionPlace(SessionRegistrationStatus Status, int? Position = null)
{
    public static readonly SessionPlace Confirmed = new(SessionRegistrationStatus.Confirmed);
    public static readonly SessionPlace None = new(SessionRegistrationStatus.None);

    public static SessionPlace Waitlisted(int position) => new(SessionRegistrationStatus.Waitlisted, position);
}

/// <param name="Previous">What the attendee had before cancelling (<c>None</c> for a repeated cancel).</param>
/// <param name="Promoted">Attendees moved from the waitlist to a seat, in order.</param>
public sealed record Cancellation(SessionRegistrationStatus Previous, IReadOnlyList<string> Promoted);

public sealed record SessionRoster(IReadOnlyList<string> Confirmed, IReadOnlyList<string> Waitlist);

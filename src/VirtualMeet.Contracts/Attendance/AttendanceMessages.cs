using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Contracts.Attendance;

/// <summary>
/// <c>GET /api/events/{eventId}/attendance</c> (organizers): who holds a seat or a waitlist place in which session.
/// </summary>
/// <param name="Sessions">Every session of the agenda with its counts, in agenda order.</param>
/// <param name="Attendees">Every attendee with at least one place, by display name.</param>
public sealed record AttendanceReport(string EventId, IReadOnlyList<SessionAttendance> Sessions, IReadOnlyList<AttendeeAttendance> Attendees);

/// <param name="Capacity">Seats; <c>null</c> for unlimited.</param>
public sealed record SessionAttendance(string SessionId, string Title, int? Capacity, int Confirmed, int Waitlisted);

/// <summary>An attendee and their places, in agenda order.</summary>
public sealed record AttendeeAttendance(
    string AttendeeId,
    string DisplayName,
    string? Organization,
    string? Email,
    string Language,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<SessionRegistrationEntry> Sessions);

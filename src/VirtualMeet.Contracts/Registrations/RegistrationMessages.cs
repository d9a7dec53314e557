using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Registrations;

/// <summary>Body of <c>POST /api/events/{eventId}/registrations</c>.</summary>
/// <param name="Code">
/// What admits the sign-up when the event is not open: an invitation code, or a ticket id (with the ticket's
/// <paramref name="Email"/>). Ignored by open events.
/// </param>
public sealed record AttendeeRegistrationRequest(
    string DisplayName,
    string? Email = null,
    string? Organization = null,
    string? Language = null,
    IReadOnlyList<string>? Interests = null,
    string? Code = null);

/// <summary>
/// Answer to a successful attendee registration: this browser's sign-in (<see cref="Device"/>) and the personal
/// sign-in code that signs in another device. The code is shown once; a new one replaces it
/// (<c>POST /api/events/{eventId}/devices/sign-in-code</c>).
/// </summary>
public sealed record AttendeeRegistrationResponse(
    string AttendeeId,
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string RefreshToken,
    string DeviceId,
    string SignInCode);

/// <summary>What the server holds about an attendee (<c>GET /api/events/{eventId}/registrations/me</c>).</summary>
public sealed record AttendeeProfile(
    string AttendeeId,
    string EventId,
    string DisplayName,
    string? Email,
    string? Organization,
    string Language,
    IReadOnlyList<string> Interests,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<SessionRegistrationEntry> Sessions);

/// <summary>One of an attendee's session registrations.</summary>
public sealed record SessionRegistrationEntry(string SessionId, SessionRegistrationStatus Status, int? Position);

/// <summary>Where an attendee stands for a capacity-limited session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionRegistrationStatus>))]
public enum SessionRegistrationStatus
{
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("waitlisted")] Waitlisted,
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>
/// Answer of <c>POST/DELETE /api/events/{eventId}/sessions/{sessionId}/registrations</c>.
/// </summary>
/// <param name="Position">1-based place on the waitlist; only when waitlisted.</param>
public sealed record SessionRegistrationResponse(
    SessionRegistrationStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Position = null);

/// <summary>Organizer view of a session's seats (<c>GET /api/events/{eventId}/sessions/{sessionId}/roster</c>).</summary>
public sealed record SessionRosterView(string SessionId, int? Capacity, IReadOnlyList<string> Confirmed, IReadOnlyList<string> Waitlist);

/// <summary>How full a session with a capacity is: what the lobby shows next to "register".</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Capacity">Its seats.</param>
/// <param name="Confirmed">Seats taken.</param>
/// <param name="Waitlisted">People waiting for a seat.</param>
/// <param name="SeatsLeft">Seats still free (never below zero).</param>
public sealed record SessionAvailability(string SessionId, int Capacity, int Confirmed, int Waitlisted, int SeatsLeft);

namespace VirtualMeet.Contracts.Events;

/// <summary>
/// A whole event as one JSON document: what <c>POST /api/events</c> imports and
/// <c>GET /api/events/{eventId}/export</c> returns.
/// </summary>
/// <param name="Id">Lower-case letters, digits and hyphens; also the Redis hash tag of every key of the event.</param>
/// <param name="TimeZone">IANA time zone the agenda is shown in, e.g. <c>Europe/Berlin</c>.</param>
/// <param name="Languages">Content languages, <c>de</c> and/or <c>en</c>; the first is the default.</param>
/// <param name="Registration">Who may sign up: anyone (<c>open</c>), holders of an invitation code or of an imported ticket.</param>
public sealed record EventDefinition(
    string Id,
    string Title,
    string TimeZone,
    IReadOnlyList<string> Languages,
    IReadOnlyList<SessionDefinition> Sessions,
    IReadOnlyList<PersonDefinition>? People = null,
    IReadOnlyList<BarDefinition>? Bars = null,
    int? ExpectedParticipants = null,
    RegistrationMode Registration = RegistrationMode.Open);

/// <summary>Text in German and English; at least one is set and readers fall back to the other.</summary>
public sealed record LocalizedText(string? De = null, string? En = null);

/// <summary>One agenda item.</summary>
/// <param name="Language">The language spoken in the session (<c>de</c> or <c>en</c>).</param>
/// <param name="Capacity">Seats; <c>null</c> means unlimited.</param>
/// <param name="ParentSessionId">Groups items into a block, e.g. the pitches of a pitch competition.</param>
public sealed record SessionDefinition(
    string Id,
    SessionKind Kind,
    LocalizedText Title,
    string Language,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    LocalizedText? Description = null,
    int? Capacity = null,
    bool RegistrationRequired = false,
    IReadOnlyList<string>? SpeakerIds = null,
    IReadOnlyList<string>? ModeratorIds = null,
    string? ParentSessionId = null);

/// <summary>A speaker or moderator referenced by sessions.</summary>
public sealed record PersonDefinition(string Id, string Name, string? Organization = null);

/// <summary>A Vernetz-BAR: an informal room with small tables.</summary>
public sealed record BarDefinition(string Id, LocalizedText Name, IReadOnlyList<TableDefinition> Tables);

/// <summary>A table in a bar with a fixed number of seats.</summary>
public sealed record TableDefinition(string Id, string Name, int Seats);

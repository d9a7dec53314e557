namespace VirtualMeet.Contracts.Events;

/// <summary>An entry of <c>GET /api/events</c>.</summary>
/// <param name="Registration">What a sign-up needs, so a sign-in form can ask for a code.</param>
public sealed record EventSummary(
    string Id,
    string Title,
    string TimeZone,
    IReadOnlyList<string> Languages,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int SessionCount,
    RegistrationMode Registration = RegistrationMode.Open);

/// <summary>
/// <c>GET /api/events/{eventId}</c>: the agenda with texts in one language (the caller's, falling back
/// to the other one).
/// </summary>
/// <param name="ContentLanguage">The language the texts were chosen for.</param>
/// <param name="Registration">What a sign-up needs: nothing (<c>open</c>), an invitation code or a ticket.</param>
public sealed record EventView(
    string Id,
    string Title,
    string TimeZone,
    IReadOnlyList<string> Languages,
    string ContentLanguage,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<BarView> Bars,
    RegistrationMode Registration = RegistrationMode.Open);

/// <summary>A session with its title and description in the chosen language.</summary>
public sealed record SessionView(
    string Id,
    SessionKind Kind,
    string Title,
    string? Description,
    string Language,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? Capacity,
    bool RegistrationRequired,
    IReadOnlyList<PersonView> Speakers,
    IReadOnlyList<PersonView> Moderators,
    string? ParentSessionId);

/// <summary>A speaker or moderator.</summary>
public sealed record PersonView(string Id, string Name, string? Organization);

/// <summary>A Vernetz-BAR with its tables.</summary>
public sealed record BarView(string Id, string Name, IReadOnlyList<TableView> Tables);

/// <summary>A bar table and its number of seats.</summary>
public sealed record TableView(string Id, string Name, int Seats);

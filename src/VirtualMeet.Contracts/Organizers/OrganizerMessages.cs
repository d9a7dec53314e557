namespace VirtualMeet.Contracts.Organizers;

/// <summary>Body of <c>POST /api/organizers</c>; <paramref name="AcrossEvents"/> makes an organizer of every event.</summary>
public sealed record CreateOrganizerRequest(string Name, string? Email = null, bool AcrossEvents = false);

/// <summary>An organizer account as listed; the secret is never part of it.</summary>
public sealed record OrganizerAccountView(string Id, string Name, string? Email, bool AcrossEvents, DateTimeOffset CreatedAt);

/// <summary>The answer of <c>POST /api/organizers</c>: the account and its sign-in secret, shown this once.</summary>
public sealed record CreatedOrganizer(OrganizerAccountView Account, string Secret);

/// <summary>Body of <c>PUT /api/events/{eventId}/team/{organizerId}</c>: <c>owner</c>, <c>organizer</c> or <c>moderator</c>.</summary>
public sealed record TeamAssignmentRequest(string Role);

/// <summary>A member of an event's team.</summary>
public sealed record TeamMemberView(string OrganizerId, string? Name, string Role, DateTimeOffset AssignedAt, string AssignedBy);

/// <summary>
/// One entry of an event's audit log: who (<paramref name="ActorId"/>, the token's subject; a name only for
/// organizers), when, what (<paramref name="Action"/>, e.g. <c>chat.delete</c>), to what (<paramref name="Target"/>:
/// ids only) and how (<paramref name="Details"/>).
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string ActorId, string? ActorName, string Action, string Target, string? Details);

/// <summary>A page of the audit log, oldest first; <paramref name="Next"/> is the <c>after</c> of the next page, <c>null</c> at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);

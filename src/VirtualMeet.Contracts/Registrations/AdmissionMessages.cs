using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Contracts.Registrations;

/// <summary>Body of <c>PUT /api/events/{eventId}/registration-mode</c>.</summary>
public sealed record RegistrationModeRequest(RegistrationMode Mode);

/// <summary>Body of <c>POST /api/events/{eventId}/invitations</c>: how many one-time codes to generate.</summary>
public sealed record InvitationRequest(int Count);

/// <summary>
/// Freshly generated invitation codes. The server keeps only their SHA-256 hashes, so this answer (JSON, or CSV with
/// <c>Accept: text/csv</c>) is the only time the codes are shown.
/// </summary>
public sealed record InvitationBatch(IReadOnlyList<string> Codes);

/// <summary>One ticket of an import (<c>POST /api/events/{eventId}/tickets</c>, JSON or CSV <c>ticketId,name,email,category</c>).</summary>
public sealed record TicketDefinition(string TicketId, string Name, string Email, string? Category = null);

/// <summary>What an import did: tickets added, tickets whose id existed already (left as they were), tickets of the event now.</summary>
public sealed record TicketImportResult(int Added, int Unchanged, int Total);

/// <summary>Issued and redeemed admissions of one kind.</summary>
public sealed record AdmissionCount(int Issued, int Used);

/// <summary>The organiser's overview (<c>GET /api/events/{eventId}/admission</c>): the mode and counts, never codes.</summary>
public sealed record AdmissionSummary(RegistrationMode Mode, AdmissionCount Invitations, AdmissionCount Tickets);

/// <summary>An imported ticket and whether it has registered someone (<c>GET /api/events/{eventId}/tickets</c>).</summary>
public sealed record TicketView(string TicketId, string Name, string Email, string? Category, bool Used, DateTimeOffset? UsedAt);

using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>Limits of invitation codes and ticket imports: section <c>Registrations:Admission</c>. Validated at start-up.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Registrations:Admission";

    /// <summary>Codes one <c>POST /api/events/{eventId}/invitations</c> may generate (the answer lists them all).</summary>
    [Range(1, 10_000, ErrorMessage = "Registrations:Admission:MaxInvitationsPerRequest must lie between 1 and 10000.")]
    public int MaxInvitationsPerRequest { get; set; } = 1000;

    /// <summary>Tickets one import may hold; the body is bounded by <c>RequestLimits:MaxImportBodyBytes</c> as well.</summary>
    [Range(1, 100_000, ErrorMessage = "Registrations:Admission:MaxTicketsPerImport must lie between 1 and 100000.")]
    public int MaxTicketsPerImport { get; set; } = 5000;
}

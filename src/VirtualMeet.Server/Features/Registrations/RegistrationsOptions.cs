using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Registration settings: section <c>Registrations</c>. Validated at start-up.</summary>
public sealed class RegistrationsOptions
{
    public const string Section = "Registrations";

    /// <summary>
    /// How long one node answers <c>GET /api/events/{eventId}/availability</c> from the answer it computed, per event:
    /// anyone may call it, and every computation reads every session's roster. 0 computes every answer.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Registrations:AvailabilityCacheSeconds must lie between 0 and 60.")]
    public double AvailabilityCacheSeconds { get; set; } = 1;
}

using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>Organizer accounts and teams. Section <c>Organizers</c>.</summary>
public sealed class OrganizersOptions
{
    public const string Section = "Organizers";

    /// <summary>How many organizer accounts may exist.</summary>
    [Range(1, 100_000)]
    public int MaxAccounts { get; set; } = 1_000;

    /// <summary>How many organizers one event's team may hold.</summary>
    [Range(1, 10_000)]
    public int MaxTeamSize { get; set; } = 100;

    [Range(1, 200)]
    public int MaxNameLength { get; set; } = 100;

    [Range(3, 320)]
    public int MaxEmailLength { get; set; } = 254;
}

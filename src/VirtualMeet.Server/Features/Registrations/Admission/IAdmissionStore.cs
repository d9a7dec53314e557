using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>
/// What admits a sign-up to an event that is not open: invitation codes (by their SHA-256 hash only) and imported
/// tickets, each redeemable once. Redeeming is one atomic step in the store, across every node.
/// </summary>
public interface IAdmissionStore
{
    /// <summary>Adds invitation codes by their hashes; returns how many were new.</summary>
    Task<int> AddInvitationsAsync(string eventId, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken);

    /// <summary>Adds the tickets whose id the event does not have yet (an existing ticket stays as it is); returns how many were added.</summary>
    Task<int> AddTicketsAsync(string eventId, IReadOnlyList<TicketDefinition> tickets, CancellationToken cancellationToken);

    Task<TicketDefinition?> GetTicketAsync(string eventId, string ticketId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the invitation (by hash) or ticket (by id) used at <paramref name="at"/> if it exists and is unused, in one
    /// step: of any number of concurrent redemptions of one key, exactly one answers <see cref="Redemption.Redeemed"/>.
    /// </summary>
    Task<Redemption> RedeemAsync(string eventId, AdmissionKind kind, string key, DateTimeOffset at, CancellationToken cancellationToken);

    Task<AdmissionTally> CountAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Every ticket of the event with when it was used, in no particular order.</summary>
    Task<IReadOnlyList<TicketState>> ListTicketsAsync(string eventId, CancellationToken cancellationToken);
}

/// <summary>The two kinds of admission an event may require.</summary>
public enum AdmissionKind
{
    Invitation,
    Ticket,
}

/// <summary>How a redemption ended.</summary>
public enum Redemption
{
    Redeemed,
    AlreadyUsed,
    Unknown,
}

/// <summary>Issued and used invitations and tickets of an event.</summary>
public sealed record AdmissionTally(int InvitationsIssued, int InvitationsUsed, int TicketsIssued, int TicketsUsed);

/// <summary>A ticket and when it registered someone (<c>null</c>: not yet).</summary>
public sealed record TicketState(TicketDefinition Ticket, DateTimeOffset? UsedAt);

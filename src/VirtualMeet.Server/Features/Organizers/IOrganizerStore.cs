namespace VirtualMeet.Server.Features.Organizers;

/// <summary>
/// Organizer accounts (across events) and the teams of events. Implementations also implement the purge port: an
/// event's purge takes its team along; accounts outlive events.
/// </summary>
internal interface IOrganizerStore
{
    /// <summary>Adds the account; <c>false</c> when its id is taken.</summary>
    Task<bool> TryAddAccountAsync(OrganizerAccount account, CancellationToken cancellationToken);

    Task<OrganizerAccount?> GetAccountAsync(string organizerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrganizerAccount>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Removes the account; <c>false</c> when there was none.</summary>
    Task<bool> DeleteAccountAsync(string organizerId, CancellationToken cancellationToken);

    /// <summary>Gives the organizer a role in the event's team, replacing any role they had there.</summary>
    Task SetMemberAsync(string eventId, TeamMember member, CancellationToken cancellationToken);

    Task<TeamMember?> GetMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamMember>> ListTeamAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Takes the organizer off the event's team; <c>false</c> when they were not on it.</summary>
    Task<bool> RemoveMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken);
}

/// <summary>An organizer account; <paramref name="SecretHash"/> is the SHA-256 of its sign-in secret (see <see cref="OrganizerSecrets"/>).</summary>
internal sealed record OrganizerAccount(string Id, string Name, string? Email, bool AcrossEvents, string SecretHash, DateTimeOffset CreatedAt);

/// <summary>A role in an event's team (<see cref="Contracts.Identity.TeamRoles"/>), who gave it and when.</summary>
internal sealed record TeamMember(string OrganizerId, string Role, DateTimeOffset AssignedAt, string AssignedBy);

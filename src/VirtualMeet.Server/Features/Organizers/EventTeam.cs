using System.Security.Claims;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>
/// The team of an event: who holds which role there, changed by administrators, organizers across events and the
/// event's owners (the endpoints' policy checks that), every change in the event's audit log.
/// </summary>
internal sealed class EventTeam(
    IOrganizerStore store,
    IEventStore events,
    IAuditLog audit,
    TokenRevocations revocations,
    IOptions<OrganizersOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// The role <paramref name="user"/> holds in the event: administrators and organizers across events own every
    /// event; anyone else holds the role the team gives their subject, if any. A named account must still exist.
    /// </summary>
    public async Task<string?> RoleOfAsync(ClaimsPrincipal user, string eventId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organizer) && user.EventIdOf() is null)
            return TeamRoles.Owner;
        if (user.UserId() is not { } organizerId)
            return null;
        if (user.IsInRole(Roles.OrganizerAccount) && await store.GetAccountAsync(organizerId, cancellationToken) is null)
            return null;
        return (await store.GetMemberAsync(eventId, organizerId, cancellationToken))?.Role;
    }

    public async Task<IReadOnlyList<TeamMemberView>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        await RequireEventAsync(eventId, cancellationToken);
        var members = await store.ListTeamAsync(eventId, cancellationToken);
        var views = new List<TeamMemberView>(members.Count);
        foreach (var member in members.OrderBy(m => m.AssignedAt))
        {
            var account = await store.GetAccountAsync(member.OrganizerId, cancellationToken);
            views.Add(new TeamMemberView(member.OrganizerId, account?.Name, member.Role, member.AssignedAt, member.AssignedBy));
        }

        return views;
    }

    /// <summary>
    /// Gives a named account a role in the event. Organizers of an external authority need no account here: their
    /// tokens make them administrators.
    /// </summary>
    public async Task<TeamMemberView> AssignAsync(string eventId, string organizerId, string? role, AuditActor actor, CancellationToken cancellationToken)
    {
        if (role is null || !TeamRoles.All.Contains(role, StringComparer.Ordinal))
            throw Refusal.InvalidArgument($"role is one of {string.Join(", ", TeamRoles.All)}.");
        await RequireEventAsync(eventId, cancellationToken);
        var account = await store.GetAccountAsync(organizerId, cancellationToken)
            ?? throw Refusal.NotFound($"There is no organizer account '{organizerId}'.");
        var existing = await store.GetMemberAsync(eventId, organizerId, cancellationToken);
        if (existing is null && (await store.ListTeamAsync(eventId, cancellationToken)).Count >= options.Value.MaxTeamSize)
            throw Refusal.Conflict($"The team of event '{eventId}' has {options.Value.MaxTeamSize} members (Organizers:MaxTeamSize).");

        var member = new TeamMember(organizerId, role, time.GetUtcNow(), actor.Id);
        await store.SetMemberAsync(eventId, member, cancellationToken);
        // Event tokens carry the role they were issued with: after a change of role the old ones must not act on.
        if (existing is not null && existing.Role != role)
            await revocations.RevokeAsync(Revocation.OfSubject(eventId, organizerId), cancellationToken);
        await audit.RecordAsync(eventId, actor, AuditActions.TeamAssign, organizerId, $"role={role}", cancellationToken);
        return new TeamMemberView(organizerId, account.Name, role, member.AssignedAt, member.AssignedBy);
    }

    public async Task RemoveAsync(string eventId, string organizerId, AuditActor actor, CancellationToken cancellationToken)
    {
        await RequireEventAsync(eventId, cancellationToken);
        if (!await store.RemoveMemberAsync(eventId, organizerId, cancellationToken))
            throw Refusal.NotFound($"Organizer '{organizerId}' is not on the team of event '{eventId}'.");
        // Their event tokens stop at once and their open connections close, on every node.
        await revocations.RevokeAsync(Revocation.OfSubject(eventId, organizerId), cancellationToken);
        await audit.RecordAsync(eventId, actor, AuditActions.TeamRemove, organizerId, null, cancellationToken);
    }

    private async Task RequireEventAsync(string eventId, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            throw Refusal.NotFound($"Event '{eventId}' does not exist.");
    }
}

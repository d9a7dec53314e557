using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Organizers;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryOrganizerStore : IOrganizerStore, IEventScopedData
{
    private readonly ConcurrentDictionary<string, OrganizerAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string EventId, string OrganizerId), TeamMember> _team = new();

    public Task<bool> TryAddAccountAsync(OrganizerAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryAdd(account.Id, account));

    public Task<OrganizerAccount?> GetAccountAsync(string organizerId, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault(organizerId));

    public Task<IReadOnlyList<OrganizerAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrganizerAccount>>([.. _accounts.Values]);

    public Task<bool> DeleteAccountAsync(string organizerId, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryRemove(organizerId, out _));

    public Task SetMemberAsync(string eventId, TeamMember member, CancellationToken cancellationToken)
    {
        _team[(eventId, member.OrganizerId)] = member;
        return Task.CompletedTask;
    }

    public Task<TeamMember?> GetMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken) =>
        Task.FromResult(_team.GetValueOrDefault((eventId, organizerId)));

    public Task<IReadOnlyList<TeamMember>> ListTeamAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamMember>>([.. _team.Where(pair => pair.Key.EventId == eventId).Select(pair => pair.Value)]);

    public Task<bool> RemoveMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken) =>
        Task.FromResult(_team.TryRemove((eventId, organizerId), out _));

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _team.Keys.Where(k => k.EventId == eventId))
            _team.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

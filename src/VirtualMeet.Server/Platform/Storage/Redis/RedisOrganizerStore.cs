using StackExchange.Redis;
using VirtualMeet.Server.Features.Organizers;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Accounts in one hash outside any event (id → JSON), an event's team in a hash under its tag (organizer id → JSON),
/// which the event's purge (<see cref="RedisEventPurge"/>) removes with the rest of the event.
/// </summary>
internal sealed class RedisOrganizerStore(RedisStoreDatabase redis) : IOrganizerStore
{
    // Once: a second HSETNX would answer false for the account the first one added.
    public Task<bool> TryAddAccountAsync(OrganizerAccount account, CancellationToken cancellationToken) =>
        redis.Once(db => db.HashSetAsync(RedisKeys.OrganizerAccounts, account.Id, RedisJson.Serialize(account), When.NotExists));

    public async Task<OrganizerAccount?> GetAccountAsync(string organizerId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<OrganizerAccount>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.OrganizerAccounts, organizerId)));

    public async Task<IReadOnlyList<OrganizerAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        [.. (await redis.Idempotent(db => db.HashValuesAsync(RedisKeys.OrganizerAccounts)))
            .Select(value => RedisJson.Deserialize<OrganizerAccount>(value)).OfType<OrganizerAccount>()];

    // Once: a second HDEL would answer false.
    public Task<bool> DeleteAccountAsync(string organizerId, CancellationToken cancellationToken) =>
        redis.Once(db => db.HashDeleteAsync(RedisKeys.OrganizerAccounts, organizerId));

    public Task SetMemberAsync(string eventId, TeamMember member, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.HashSetAsync(RedisKeys.Team(eventId), member.OrganizerId, RedisJson.Serialize(member)));

    public async Task<TeamMember?> GetMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<TeamMember>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Team(eventId), organizerId)));

    public async Task<IReadOnlyList<TeamMember>> ListTeamAsync(string eventId, CancellationToken cancellationToken) =>
        [.. (await redis.Idempotent(db => db.HashValuesAsync(RedisKeys.Team(eventId))))
            .Select(value => RedisJson.Deserialize<TeamMember>(value)).OfType<TeamMember>()];

    // Once: a second HDEL would answer false.
    public Task<bool> RemoveMemberAsync(string eventId, string organizerId, CancellationToken cancellationToken) =>
        redis.Once(db => db.HashDeleteAsync(RedisKeys.Team(eventId), organizerId));
}

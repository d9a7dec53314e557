using StackExchange.Redis;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Registrations.Admission;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Invitations and tickets in four hashes under the event's hash tag: issued and used, per kind. Redemption is one
/// Lua script (<see cref="RedisAdmissionScripts.Redeem"/>), so two nodes redeeming one code at once admit one
/// attendee. The purge's SCAN of the tag removes them with the event.
/// </summary>
internal sealed class RedisAdmissionStore(RedisStoreDatabase redis) : IAdmissionStore
{
    // Large imports go in slices, so no single script holds Redis for long.
    private const int Slice = 1000;

    public Task<int> AddInvitationsAsync(string eventId, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken) =>
        AddAbsentAsync(RedisKeys.Invitations(eventId), codeHashes.Select(h => (h, (RedisValue)1)).ToList());

    public Task<int> AddTicketsAsync(string eventId, IReadOnlyList<TicketDefinition> tickets, CancellationToken cancellationToken) =>
        AddAbsentAsync(RedisKeys.Tickets(eventId), tickets.Select(t => (t.TicketId, (RedisValue)RedisJson.Serialize(t))).ToList());

    public async Task<TicketDefinition?> GetTicketAsync(string eventId, string ticketId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<TicketDefinition>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Tickets(eventId), ticketId)));

    public async Task<Redemption> RedeemAsync(string eventId, AdmissionKind kind, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (issued, used) = kind == AdmissionKind.Invitation
            ? (RedisKeys.Invitations(eventId), RedisKeys.InvitationsUsed(eventId))
            : (RedisKeys.Tickets(eventId), RedisKeys.TicketsUsed(eventId));
        // Once: a second run would answer "used" for the redemption that succeeded.
        var result = (long)await redis.Once(db => db.ScriptEvaluateAsync(
            RedisAdmissionScripts.Redeem, [issued, used], [key, at.ToUnixTimeMilliseconds()]));
        return result switch
        {
            1 => Redemption.Redeemed,
            0 => Redemption.AlreadyUsed,
            _ => Redemption.Unknown,
        };
    }

    public async Task<AdmissionTally> CountAsync(string eventId, CancellationToken cancellationToken)
    {
        var counts = await redis.Idempotent(db => Task.WhenAll(
            db.HashLengthAsync(RedisKeys.Invitations(eventId)), db.HashLengthAsync(RedisKeys.InvitationsUsed(eventId)),
            db.HashLengthAsync(RedisKeys.Tickets(eventId)), db.HashLengthAsync(RedisKeys.TicketsUsed(eventId))));
        return new AdmissionTally((int)counts[0], (int)counts[1], (int)counts[2], (int)counts[3]);
    }

    public async Task<IReadOnlyList<TicketState>> ListTicketsAsync(string eventId, CancellationToken cancellationToken)
    {
        var (tickets, used) = await redis.Idempotent(async db =>
            (await db.HashGetAllAsync(RedisKeys.Tickets(eventId)), await db.HashGetAllAsync(RedisKeys.TicketsUsed(eventId))));
        var usedAt = used.ToDictionary(u => (string)u.Name!, u => DateTimeOffset.FromUnixTimeMilliseconds((long)u.Value), StringComparer.Ordinal);
        return tickets
            .Select(t => RedisJson.Deserialize<TicketDefinition>(t.Value))
            .OfType<TicketDefinition>()
            .Select(t => new TicketState(t, usedAt.TryGetValue(t.TicketId, out var at) ? at : null))
            .ToList();
    }

    private async Task<int> AddAbsentAsync(RedisKey key, IReadOnlyList<(string Field, RedisValue Value)> entries)
    {
        var added = 0;
        foreach (var slice in entries.Chunk(Slice))
        {
            var args = slice.SelectMany(e => new[] { (RedisValue)e.Field, e.Value }).ToArray();
            // Once: set-if-absent; a repeat would leave the same hash but answer a lower count.
            added += (int)(long)await redis.Once(db => db.ScriptEvaluateAsync(RedisAdmissionScripts.AddAbsent, [key], args));
        }

        return added;
    }
}

using StackExchange.Redis;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Definitions as JSON strings under the event's hash tag, plus an index set of event ids.</summary>
internal sealed class RedisEventStore(RedisStoreDatabase redis) : IEventStore
{
    public async Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken)
    {
        // SET NX decides which of several concurrent importers (or seeding nodes) wins: Once, a second run would lose.
        if (!await redis.Once(db => db.StringSetAsync(RedisKeys.Event(definition.Id), RedisJson.Serialize(definition), when: When.NotExists)))
            return false;
        await redis.Idempotent(db => db.SetAddAsync(RedisKeys.Events, definition.Id));
        return true;
    }

    // SET XX: only an event that still exists is replaced, so a purge is never undone. Idempotent: the same
    // document written twice leaves the same state and the same answer.
    public Task<bool> ReplaceAsync(EventDefinition definition, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.StringSetAsync(RedisKeys.Event(definition.Id), RedisJson.Serialize(definition), when: When.Exists));

    public async Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<EventDefinition>(await redis.Idempotent(db => db.StringGetAsync(RedisKeys.Event(eventId))));

    public async Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = (await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.Events))).Select(id => (string)id!).Order(StringComparer.Ordinal).ToList();
        // One GET per event: keys of different events sit in different cluster slots, so no MGET. Issued together,
        // they are one bounded call.
        var documents = await redis.Idempotent(db => Task.WhenAll(ids.Select(id => db.StringGetAsync(RedisKeys.Event(id)))));
        return documents.Select(d => RedisJson.Deserialize<EventDefinition>(d)).OfType<EventDefinition>().ToList();
    }

    public async Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken)
    {
        // Once: a second DEL would answer false.
        var deleted = await redis.Once(db => db.KeyDeleteAsync(RedisKeys.Event(eventId)));
        await redis.Idempotent(db => db.SetRemoveAsync(RedisKeys.Events, eventId));
        return deleted;
    }
}

using StackExchange.Redis;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Definitions as JSON strings under the event's hash tag, plus an index set of event ids.</summary>
internal sealed class RedisEventStore(RedisStoreDatabase redis) : IEventStore
{
    public async Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        // SET NX decides which of several concurrent importers (or seeding nodes) wins.
        if (!await db.StringSetAsync(RedisKeys.Event(definition.Id), RedisJson.Serialize(definition), when: When.NotExists))
            return false;
        await db.SetAddAsync(RedisKeys.Events, definition.Id);
        return true;
    }

    public async Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<EventDefinition>(await redis.Database.StringGetAsync(RedisKeys.Event(eventId)));

    public async Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var ids = (await db.SetMembersAsync(RedisKeys.Events)).Select(id => (string)id!).Order(StringComparer.Ordinal).ToList();
        // One GET per event: keys of different events sit in different cluster slots, so no MGET.
        var documents = await Task.WhenAll(ids.Select(id => db.StringGetAsync(RedisKeys.Event(id))));
        return documents.Select(d => RedisJson.Deserialize<EventDefinition>(d)).OfType<EventDefinition>().ToList();
    }

    public async Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var deleted = await db.KeyDeleteAsync(RedisKeys.Event(eventId));
        await db.SetRemoveAsync(RedisKeys.Events, eventId);
        return deleted;
    }
}

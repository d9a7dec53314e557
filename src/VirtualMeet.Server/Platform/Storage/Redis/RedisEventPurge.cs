using StackExchange.Redis;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Ids;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Deletes every key under the event's hash tag, whichever feature wrote it: one SCAN per primary, deletes in
/// batches. SCAN never blocks Redis the way KEYS would. Each page and each batch is its own bounded, retried call
/// (reading a page and deleting keys are idempotent): a large event may take long to purge, no single call may.
/// </summary>
internal sealed class RedisEventPurge(RedisStoreDatabase redis) : IEventScopedData
{
    private const int BatchSize = 500;

    public async Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!EventIds.IsValid(eventId))
            throw new ArgumentException($"Refusing to purge: the event id is not a valid id ({EventIds.Rule}).", nameof(eventId));

        foreach (var server in redis.Primaries)
        {
            // SCAN by hand, page by page, rather than IServer.Keys, whose synchronous pages no timeout of ours bounds.
            long cursor = 0;
            do
            {
                (cursor, var keys) = await redis.ScanAsync(server, cursor, RedisKeys.EventPattern(eventId), BatchSize);
                if (keys.Length > 0)
                    await redis.Idempotent(db => db.KeyDeleteAsync(keys));
                cancellationToken.ThrowIfCancellationRequested();
            }
            while (cursor != 0);
        }

        // The event's presence went with its keys; the reaper's list (a global key, outside the tag) forgets it too.
        await redis.Idempotent(db => db.SetRemoveAsync(RedisKeys.PresenceEvents, eventId));
    }
}

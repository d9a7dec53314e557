using StackExchange.Redis;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Ids;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Deletes every key under the event's hash tag, whichever feature wrote it: one SCAN per primary, deletes in
/// batches. SCAN never blocks Redis the way KEYS would.
/// </summary>
internal sealed class RedisEventPurge(RedisStoreDatabase redis) : IEventScopedData
{
    private const int BatchSize = 500;

    public async Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!EventIds.IsValid(eventId))
            throw new ArgumentException($"Refusing to purge: the event id is not a valid id ({EventIds.Rule}).", nameof(eventId));

        var db = redis.Database;
        foreach (var server in redis.Primaries)
        {
            var batch = new List<RedisKey>(BatchSize);
            foreach (var key in server.Keys(db.Database, RedisKeys.EventPattern(eventId), pageSize: BatchSize))
            {
                batch.Add(key);
                if (batch.Count == BatchSize)
                {
                    await db.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            if (batch.Count > 0)
                await db.KeyDeleteAsync([.. batch]);
        }
    }
}

using StackExchange.Redis;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// One key per revocation holding its time (Unix ms), expiring with the last token it covers. A check is one MGET of
/// the event's, the subject's and the device's key, all under the event's hash tag.
/// </summary>
internal sealed class RedisRevocationStore(RedisStoreDatabase redis, Pseudonyms pseudonyms) : IRevocationStore
{
    public Task AddAsync(Revocation revocation, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.StringSetAsync(KeyOf(revocation), at.ToUnixTimeMilliseconds(), keepFor));

    public async Task<DateTimeOffset?> RevokedUpToAsync(string eventId, string subject, string? deviceId, CancellationToken cancellationToken)
    {
        RedisKey[] keys = deviceId is null
            ? [RedisKeys.EventRevoked(eventId), SubjectKey(eventId, subject)]
            : [RedisKeys.EventRevoked(eventId), SubjectKey(eventId, subject), RedisKeys.DeviceRevoked(eventId, deviceId)];
        var values = await redis.Idempotent(db => db.StringGetAsync(keys));
        long? latest = null;
        foreach (var value in values)
        {
            if (!value.IsNull && value.TryParse(out long at) && (latest is null || at > latest))
                latest = at;
        }

        return latest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private RedisKey KeyOf(Revocation revocation) => revocation switch
    {
        { DeviceId: { } device } => RedisKeys.DeviceRevoked(revocation.EventId, device),
        { Subject: { } subject } => SubjectKey(revocation.EventId, subject),
        _ => RedisKeys.EventRevoked(revocation.EventId),
    };

    // An erased attendee's revocation outlives their erasure. Their id is no secret (other attendees saw it), so the
    // key is named by the keyed pseudonym, which nobody without the signing key can compute from the id.
    private RedisKey SubjectKey(string eventId, string subject) => RedisKeys.SubjectRevoked(eventId, pseudonyms.Of(eventId, subject));
}

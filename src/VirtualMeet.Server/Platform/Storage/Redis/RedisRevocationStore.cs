using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// One key per revocation holding its time (Unix ms), expiring with the last token it covers. A check is one MGET of
/// the event's, the subject's and the device's key, all under the event's hash tag.
/// </summary>
internal sealed class RedisRevocationStore(RedisStoreDatabase redis) : IRevocationStore
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

    private static RedisKey KeyOf(Revocation revocation) => revocation switch
    {
        { DeviceId: { } device } => RedisKeys.DeviceRevoked(revocation.EventId, device),
        { Subject: { } subject } => SubjectKey(revocation.EventId, subject),
        _ => RedisKeys.EventRevoked(revocation.EventId),
    };

    // Attendee ids are random, so a hash of one cannot be traced back by trying ids.
    private static RedisKey SubjectKey(string eventId, string subject) =>
        RedisKeys.SubjectRevoked(eventId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32]);
}

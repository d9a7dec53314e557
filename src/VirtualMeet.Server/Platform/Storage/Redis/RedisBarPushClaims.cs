using StackExchange.Redis;
using VirtualMeet.Server.Features.Networking.Bars;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>A claim is a key set only if absent, expiring after the interval: one winner per interval and bar.</summary>
internal sealed class RedisBarPushClaims(RedisStoreDatabase redis) : IBarPushClaims
{
    public Task<bool> TryClaimAsync(string eventId, string barId, TimeSpan interval, CancellationToken cancellationToken) =>
        redis.Once(db => db.StringSetAsync(RedisKeys.BarPushClaim(eventId, barId), "1", interval, When.NotExists));
}

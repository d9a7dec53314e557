using System.Globalization;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// The attendee's window lives in Redis, so every node draws on one budget. Times come from the node's
/// <see cref="TimeProvider"/> (clocks of nodes agree to milliseconds under NTP; windows are seconds long).
/// </summary>
internal sealed class RedisRateLimiter(RedisStoreDatabase redis, TimeProvider time) : IAttendeeRateLimiter
{
    public async Task<RateLimitDecision> TryAcquireAsync(string eventId, string attendeeId, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMillis = Math.Max(1, (long)Math.Ceiling(rule.Window.TotalMilliseconds));
        // Once: every run spends a permit.
        var result = await redis.Once(db => db.ScriptEvaluateAsync(
            RedisRateLimitScripts.Acquire,
            [RedisKeys.RateLimit(eventId, rule.Name, attendeeId)],
            [
                now, windowMillis, rule.PermitLimit,
                // Unique per permit: two permits in one millisecond are two entries.
                string.Create(CultureInfo.InvariantCulture, $"{now}:{Guid.NewGuid():N}"),
            ]));
        var waitMillis = (long)result;
        return waitMillis == 0 ? RateLimitDecision.Allow : RateLimitDecision.Refuse(TimeSpan.FromMilliseconds(waitMillis));
    }
}

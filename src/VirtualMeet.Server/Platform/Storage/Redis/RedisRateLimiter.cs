using System.Globalization;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// The attendee's window lives in Redis, so every node draws on one budget. Times come from the node's
/// <see cref="TimeProvider"/> (clocks of nodes agree to milliseconds under NTP; windows are seconds long).
/// </summary>
internal sealed class RedisRateLimiter(RedisStoreDatabase redis, TimeProvider time) : IAttendeeRateLimiter, IAttendeeScopedData
{
    private const int ScanPage = 500;

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

    /// <summary>
    /// An erased attendee's budgets go at once rather than when their windows pass: the keys are named after them.
    /// Found by SCAN over the event's rate-limit keys (rule names are configuration, and an old rule may have left a key).
    /// </summary>
    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        if (RedisKeys.RateLimitPattern(eventId, attendeeId) is not { } pattern)
            return;
        foreach (var server in redis.Primaries)
        {
            long cursor = 0;
            do
            {
                (cursor, var keys) = await redis.ScanAsync(server, cursor, pattern, ScanPage);
                if (keys.Length > 0)
                    await redis.Idempotent(db => db.KeyDeleteAsync(keys));
                cancellationToken.ThrowIfCancellationRequested();
            }
            while (cursor != 0);
        }
    }
}

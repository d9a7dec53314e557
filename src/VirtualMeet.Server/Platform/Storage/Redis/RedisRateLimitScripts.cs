namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua script of the attendee rate limiter; prune, count and take run as one step on the server.</summary>
internal static class RedisRateLimitScripts
{
    /// <summary>
    /// Sliding-window log in a sorted set scored by Unix milliseconds. KEYS: log. ARGV: now, window (ms), limit,
    /// unique member. Returns 0 when a permit was taken, otherwise the milliseconds until one frees up (at least 1).
    /// The key expires one window after the last permit, so idle attendees cost no memory.
    /// </summary>
    public const string Acquire = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], now, ARGV[4])
          redis.call('PEXPIRE', KEYS[1], window)
          return 0
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now)
        """;
}

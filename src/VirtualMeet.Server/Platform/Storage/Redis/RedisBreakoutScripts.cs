namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua scripts of the breakout store: each change of the hands queue and the closing deadline is one step.</summary>
internal static class RedisBreakoutScripts
{
    /// <summary>
    /// KEYS: hands (sorted set by raise order), hands version. ARGV: attendee. Returns {changed, version, hands...}.
    /// The version doubles as the order score, so the queue keeps the order hands went up.
    /// </summary>
    public const string Raise = """
        local changed = 0
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          local v = redis.call('INCR', KEYS[2])
          redis.call('ZADD', KEYS[1], v, ARGV[1])
          changed = 1
        end
        local result = {changed, tonumber(redis.call('GET', KEYS[2]) or '0')}
        for _, a in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do result[#result + 1] = a end
        return result
        """;

    /// <summary>KEYS: hands, hands version. ARGV: attendee. Returns {changed, version, hands...}.</summary>
    public const string Lower = """
        local changed = redis.call('ZREM', KEYS[1], ARGV[1])
        if changed == 1 then redis.call('INCR', KEYS[2]) end
        local result = {changed, tonumber(redis.call('GET', KEYS[2]) or '0')}
        for _, a in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do result[#result + 1] = a end
        return result
        """;

    /// <summary>KEYS: closing deadline. ARGV: expected deadline (Unix ms). Returns 1 for the one caller that completes it.</summary>
    public const string CompleteClosing = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """;
}

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of the stores. Each runs atomically on the Redis server, which is what keeps nodes from
/// overbooking: counting seats and taking one is a single step.
/// </summary>
internal static class RedisRegistrationScripts
{
    /// <summary>
    /// KEYS: seats, waitlist, sequence, attendee's sessions. ARGV: attendee, capacity (-1 = unlimited), session.
    /// Returns {1} when confirmed, {2, position} when waitlisted. A repeat returns the current place.
    /// </summary>
    public const string Register = """
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {1} end
        local rank = redis.call('ZRANK', KEYS[2], ARGV[1])
        if rank then return {2, rank + 1} end
        local capacity = tonumber(ARGV[2])
        local order = redis.call('INCR', KEYS[3])
        redis.call('SADD', KEYS[4], ARGV[3])
        if capacity < 0 or redis.call('ZCARD', KEYS[1]) < capacity then
          redis.call('ZADD', KEYS[1], order, ARGV[1])
          return {1}
        end
        redis.call('ZADD', KEYS[2], order, ARGV[1])
        return {2, redis.call('ZCARD', KEYS[2])}
        """;

    /// <summary>
    /// KEYS: seats, waitlist, sequence, attendee's sessions. ARGV: attendee, capacity (-1 = unlimited), session.
    /// Returns {previous status (0 none, 1 confirmed, 2 waitlisted), promoted attendees...}. Freed seats go to
    /// the head of the waitlist until the session is full again.
    /// </summary>
    public const string Cancel = """
        redis.call('SREM', KEYS[4], ARGV[3])
        if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then return {2} end
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return {0} end
        local result = {1}
        local capacity = tonumber(ARGV[2])
        while capacity < 0 or redis.call('ZCARD', KEYS[1]) < capacity do
          local first = redis.call('ZRANGE', KEYS[2], 0, 0)
          if #first == 0 then break end
          redis.call('ZREM', KEYS[2], first[1])
          redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[3]), first[1])
          table.insert(result, first[1])
        end
        return result
        """;

    /// <summary>KEYS: seats, waitlist. ARGV: attendee. Returns {0}, {1} or {2, position}, read in one step.</summary>
    public const string Place = """
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {1} end
        local rank = redis.call('ZRANK', KEYS[2], ARGV[1])
        if rank then return {2, rank + 1} end
        return {0}
        """;
}

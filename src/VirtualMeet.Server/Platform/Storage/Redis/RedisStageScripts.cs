namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua scripts of the stage and reaction stores; each runs as one step on the Redis server.</summary>
internal static class RedisStageScripts
{
    /// <summary>KEYS: state hash (version, json). ARGV: expected version (0 = none), new version, JSON. Returns 1 when set.</summary>
    public const string CompareAndSet = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
        if current ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: claim, last pushed version. ARGV: version, interval (ms). Returns 1 when this caller may push that
    /// version now, 2 when that version or a newer one went out already, 0 while another claim runs.
    /// </summary>
    public const string ClaimPush = """
        if tonumber(redis.call('GET', KEYS[2]) or '-1') >= tonumber(ARGV[1]) then return 2 end
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('SET', KEYS[1], 1, 'PX', ARGV[2])
        redis.call('SET', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: totals, totals at the last push, push claim, window sequence. ARGV: interval (ms).
    /// Returns {-1} while another push claim runs, else {sequence (0 = empty window), window pairs, totals pairs}.
    /// </summary>
    public const string TakeReactionWindow = """
        if redis.call('EXISTS', KEYS[3]) == 1 then return {-1} end
        local totals = redis.call('HGETALL', KEYS[1])
        local window = {}
        for i = 1, #totals, 2 do
          local delta = tonumber(totals[i + 1]) - tonumber(redis.call('HGET', KEYS[2], totals[i]) or '0')
          if delta > 0 then
            table.insert(window, totals[i])
            table.insert(window, delta)
            redis.call('HSET', KEYS[2], totals[i], totals[i + 1])
          end
        end
        if #window == 0 then return {0, window, totals} end
        redis.call('SET', KEYS[3], 1, 'PX', ARGV[1])
        return {redis.call('INCR', KEYS[4]), window, totals}
        """;
}

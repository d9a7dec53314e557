namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of the chat store. A room is a meta hash (<c>seq</c>: last line id, <c>version</c>), a hash of
/// line id → JSON and a hash of muted attendee → until (Unix ms). Line ids are consecutive, so dropping the line
/// <c>retain</c> places back keeps the room capped without a scan.
/// </summary>
internal static class RedisChatScripts
{
    /// <summary>
    /// KEYS: meta, lines, mutes, rooms (set of the event's chat rooms). ARGV: author, now, retain, room id, draft
    /// JSON (an object; the script prepends <c>id</c> and <c>version</c>). Returns {1, line JSON} or {0, muted until}.
    /// </summary>
    public const string Append = """
        local muted = redis.call('HGET', KEYS[3], ARGV[1])
        if muted and tonumber(muted) > tonumber(ARGV[2]) then return {0, muted} end
        local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
        local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
        local line = '{"id":"' .. seq .. '","version":' .. version .. ',' .. string.sub(ARGV[5], 2)
        redis.call('HSET', KEYS[2], seq, line)
        local retain = tonumber(ARGV[3])
        if seq > retain then redis.call('HDEL', KEYS[2], seq - retain) end
        redis.call('SADD', KEYS[4], ARGV[4])
        return {1, line}
        """;

    /// <summary>KEYS: meta, lines. ARGV: count. Returns {version, line JSON...} for the last lines still kept, oldest first.</summary>
    public const string Recent = """
        local meta = redis.call('HMGET', KEYS[1], 'seq', 'version')
        local last = tonumber(meta[1] or '0')
        local result = {tonumber(meta[2] or '0')}
        for id = math.max(1, last - tonumber(ARGV[1]) + 1), last do
          local line = redis.call('HGET', KEYS[2], id)
          if line then table.insert(result, line) end
        end
        return result
        """;

    /// <summary>
    /// Compare-and-set of one line. KEYS: meta, lines. ARGV: line id, expected JSON, replacement JSON, bump version
    /// (1/0). Returns {1, version} when replaced, {0, version} when the line changed or went meanwhile.
    /// </summary>
    public const string Replace = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then
          return {0, tonumber(redis.call('HGET', KEYS[1], 'version') or '0')}
        end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        if ARGV[4] == '1' then return {1, redis.call('HINCRBY', KEYS[1], 'version', 1)} end
        return {1, tonumber(redis.call('HGET', KEYS[1], 'version') or '0')}
        """;
}

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of the question store. A question is a hash (status, pinned, votes, version, asker, text, askedAt)
/// beside a set of its voters; the stage's index is a sorted set of question ids in asking order.
/// </summary>
internal static class RedisQuestionScripts
{
    /// <summary>
    /// KEYS: index, sequence, question, stages of the event. ARGV: max questions, id, session id, then field/value
    /// pairs. Returns 1 when added, 0 when the stage is full.
    /// </summary>
    public const string Ask = """
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
        local fields = {}
        for i = 4, #ARGV do table.insert(fields, ARGV[i]) end
        redis.call('HSET', KEYS[3], unpack(fields))
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[2])
        redis.call('SADD', KEYS[4], ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: question, its voters. ARGV: voter. Returns {-1} when unknown or not open to votes (pending, hidden),
    /// else {1 counted | 0 already voted, question fields...}.
    /// </summary>
    public const string Upvote = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if status ~= 'approved' and status ~= 'answered' then return {-1} end
        local code = 0
        if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
          redis.call('HINCRBY', KEYS[1], 'votes', 1)
          redis.call('HINCRBY', KEYS[1], 'version', 1)
          code = 1
        end
        local result = redis.call('HGETALL', KEYS[1])
        table.insert(result, 1, code)
        return result
        """;

    /// <summary>KEYS: question. ARGV: status ('' = unchanged), pinned ('' = unchanged). Returns {} when unknown, else the fields.</summary>
    public const string Moderate = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
        if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], 'status', ARGV[1]) end
        if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'pinned', ARGV[2]) end
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        return redis.call('HGETALL', KEYS[1])
        """;

    /// <summary>
    /// KEYS: question, its voters, the stage's index. ARGV: asker, question id. Removes the question with its voters
    /// when the asker asked it; returns its fields as they were, or {} (unknown, or someone else's).
    /// </summary>
    public const string RemoveAskedBy = """
        if redis.call('HGET', KEYS[1], 'askerId') ~= ARGV[1] then return {} end
        local fields = redis.call('HGETALL', KEYS[1])
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZREM', KEYS[3], ARGV[2])
        return fields
        """;
}

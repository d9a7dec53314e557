namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of the poll store. Each runs atomically on the Redis server: a vote checks that the poll is open,
/// that the voter has no ballot yet, counts and bumps the version in one step, so any number of nodes may take
/// votes for the same poll without double counts. Times are Unix milliseconds.
/// </summary>
internal static class RedisPollScripts
{
    /// <summary>
    /// KEYS: push claim, last pushed version, state. ARGV: interval (ms). Returns 1 when this caller pushes the
    /// current version now, 2 when it (or a newer one) went out already or the poll is unknown, 0 while another
    /// claim runs.
    /// </summary>
    public const string ClaimPush = """
        local current = tonumber(redis.call('HGET', KEYS[3], 'version') or '-1')
        if tonumber(redis.call('GET', KEYS[2]) or '-1') >= current then return 2 end
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
        redis.call('SET', KEYS[2], current)
        return 1
        """;

    /// <summary>KEYS: polls, state. ARGV: poll id, definition JSON. Returns 1 when added, 0 when the id is taken.</summary>
    public const string Create = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('HSET', KEYS[2], 'status', 'draft', 'version', 0, 'voters', 0)
        return 1
        """;

    /// <summary>
    /// KEYS: state. ARGV: now, closesAt ('' for none). Returns {code, state fields...}; code 1 opened, 0 already
    /// open, 2 closed (refused), -1 unknown poll.
    /// </summary>
    public const string Open = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return {-1} end
        local code = 0
        if status == 'draft' then
          redis.call('HSET', KEYS[1], 'status', 'open', 'openedAt', ARGV[1])
          if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'closesAt', ARGV[2]) end
          redis.call('HINCRBY', KEYS[1], 'version', 1)
          code = 1
        elseif status == 'closed' then
          code = 2
        end
        local result = redis.call('HGETALL', KEYS[1])
        table.insert(result, 1, code)
        return result
        """;

    /// <summary>
    /// KEYS: state. ARGV: now. Returns {code, state fields...}; code 1 closed by this call (exactly one caller of
    /// all nodes sees it), 0 already closed, 2 still a draft (refused), -1 unknown poll.
    /// </summary>
    public const string Close = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return {-1} end
        local code = 0
        if status == 'open' then
          redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[1])
          redis.call('HINCRBY', KEYS[1], 'version', 1)
          code = 1
        elseif status == 'draft' then
          code = 2
        end
        local result = redis.call('HGETALL', KEYS[1])
        table.insert(result, 1, code)
        return result
        """;

    /// <summary>
    /// KEYS: state, counts, ballots (voter → fields, never written for anonymous polls), voted (set of voters of
    /// anonymous polls). ARGV: voter, retention ('once' | 'change' | 'marker'), now, fields...
    /// Returns {code, version}: 0 counted, 1 changed, -1 unknown poll, -2 not open, -3 already voted.
    /// Fields never contain a newline (they are option indexes, ratings or normalised words), so a ballot is
    /// stored as the fields joined by newlines.
    /// </summary>
    public const string Vote = """
        local state = redis.call('HMGET', KEYS[1], 'status', 'closesAt', 'version')
        if not state[1] then return {-1, 0} end
        local version = tonumber(state[3])
        if state[1] ~= 'open' or (state[2] and tonumber(ARGV[3]) >= tonumber(state[2])) then return {-2, version} end
        local changed = 0
        if ARGV[2] == 'marker' then
          if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return {-3, version} end
          redis.call('HINCRBY', KEYS[1], 'voters', 1)
        else
          local previous = redis.call('HGET', KEYS[3], ARGV[1])
          if previous then
            if ARGV[2] ~= 'change' or previous == '' then return {-3, version} end
            for field in string.gmatch(previous, '[^\n]+') do
              if redis.call('HINCRBY', KEYS[2], field, -1) <= 0 then redis.call('HDEL', KEYS[2], field) end
            end
            changed = 1
          else
            redis.call('HINCRBY', KEYS[1], 'voters', 1)
          end
          redis.call('HSET', KEYS[3], ARGV[1], table.concat(ARGV, '\n', 4))
        end
        for i = 4, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
        return {changed, redis.call('HINCRBY', KEYS[1], 'version', 1)}
        """;

    /// <summary>
    /// KEYS: ballots. ARGV: voter. Replaces the voter's ballot with an empty one: the counts and the one-ballot
    /// rule stay, the link to the choice goes (an empty ballot cannot be changed any more, see <see cref="Vote"/>).
    /// </summary>
    public const string EraseBallot = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], '') end
        return 0
        """;

    /// <summary>KEYS: state, counts. Returns {state fields, counts} of one moment.</summary>
    public const string Tally = """
        return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
        """;
}

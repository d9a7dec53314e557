namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of matchmaking: reserving both attendees' slot and changing a meeting are single steps. Requested
/// meetings sit in two sorted sets scored by when they expire, the event's open requests and the requester's pending
/// ones, which every script that moves a meeting out of "requested" (or deletes it) leaves at once.
/// </summary>
internal static class RedisMatchmakingScripts
{
    /// <summary>
    /// KEYS: requester's slots, invitee's slots, meetings, meeting states, requester's meetings, invitee's meetings,
    /// open requests, requester's pending requests.
    /// ARGV: slot (unix ms), meeting id, meeting JSON, initial state, now (unix ms), expires at (unix ms), max pending.
    /// Returns {0, pending} booked, {1} requester busy, {2} invitee busy, {3, pending} too many pending.
    /// A slot held by an overdue request (open, expiring at or before now) counts as free, and so does such a request
    /// towards the cap: nobody squats on a slot past the deadline, even if no node has recorded the expiry yet.
    /// </summary>
    public const string Request = """
        local now = tonumber(ARGV[5])
        local function busy(slots)
          local holder = redis.call('HGET', slots, ARGV[1])
          if not holder then return false end
          local expires = redis.call('ZSCORE', KEYS[7], holder)
          return not (expires and tonumber(expires) <= now)
        end
        if busy(KEYS[1]) then return {1} end
        if busy(KEYS[2]) then return {2} end
        local pending = redis.call('ZCOUNT', KEYS[8], '(' .. ARGV[5], '+inf')
        if pending >= tonumber(ARGV[7]) then return {3, pending} end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[4], ARGV[2], ARGV[4])
        redis.call('SADD', KEYS[5], ARGV[2])
        redis.call('SADD', KEYS[6], ARGV[2])
        redis.call('ZADD', KEYS[7], ARGV[6], ARGV[2])
        redis.call('ZADD', KEYS[8], ARGV[6], ARGV[2])
        return {0, pending + 1}
        """;

    /// <summary>
    /// KEYS: meeting states, requester's slots, invitee's slots, open requests, requester's pending requests.
    /// ARGV: meeting id, allowed statuses (",a,b,"), new status, 1 to free the slots, slot (unix ms), now (unix ms),
    /// expires at (unix ms). Returns {0} not found, {1, state} refused, {2, state} changed. A slot is freed only if
    /// this meeting holds it. An overdue request may only become expired, and nothing else may.
    /// </summary>
    public const string Transition = """
        local state = redis.call('HGET', KEYS[1], ARGV[1])
        if not state then return {0} end
        local status, version = string.match(state, '^([^|]+)|(%d+)')
        if not string.find(ARGV[2], ',' .. status .. ',', 1, true) then return {1, state} end
        local overdue = status == 'requested' and tonumber(ARGV[7]) <= tonumber(ARGV[6])
        if overdue ~= (ARGV[3] == 'expired') then return {1, state} end
        local changed = ARGV[3] .. '|' .. (tonumber(version) + 1) .. '|' .. ARGV[6]
        redis.call('HSET', KEYS[1], ARGV[1], changed)
        if ARGV[4] == '1' then
          for i = 2, 3 do
            if redis.call('HGET', KEYS[i], ARGV[5]) == ARGV[1] then redis.call('HDEL', KEYS[i], ARGV[5]) end
          end
        end
        if ARGV[3] ~= 'requested' then
          redis.call('ZREM', KEYS[4], ARGV[1])
          redis.call('ZREM', KEYS[5], ARGV[1])
        end
        return {2, changed}
        """;

    /// <summary>
    /// KEYS: meetings, meeting states, requester's slots, invitee's slots, requester's meetings, invitee's meetings,
    /// open requests, requester's pending requests. ARGV: meeting id, slot (unix ms). Removes the meeting and frees
    /// the slots it holds (an attendee's erasure).
    /// </summary>
    public const string Delete = """
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        for i = 3, 4 do
          if redis.call('HGET', KEYS[i], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[i], ARGV[2]) end
        end
        redis.call('SREM', KEYS[5], ARGV[1])
        redis.call('SREM', KEYS[6], ARGV[1])
        redis.call('ZREM', KEYS[7], ARGV[1])
        redis.call('ZREM', KEYS[8], ARGV[1])
        return 1
        """;
}

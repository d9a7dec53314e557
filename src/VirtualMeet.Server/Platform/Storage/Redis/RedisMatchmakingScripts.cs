namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua scripts of matchmaking: reserving both attendees' slot and changing a meeting are single steps.</summary>
internal static class RedisMatchmakingScripts
{
    /// <summary>
    /// KEYS: requester's slots, invitee's slots, meetings, meeting states, requester's meetings, invitee's meetings.
    /// ARGV: slot (unix ms), meeting id, meeting JSON, initial state. Returns 0 booked, 1 requester busy, 2 invitee busy.
    /// </summary>
    public const string Request = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
        if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 2 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[4], ARGV[2], ARGV[4])
        redis.call('SADD', KEYS[5], ARGV[2])
        redis.call('SADD', KEYS[6], ARGV[2])
        return 0
        """;

    /// <summary>
    /// KEYS: meeting states, requester's slots, invitee's slots. ARGV: meeting id, allowed statuses (",a,b,"),
    /// new status, 1 to free the slots, slot (unix ms), now (unix ms).
    /// Returns {0} not found, {1, state} refused, {2, state} changed. A slot is freed only if this meeting holds it.
    /// </summary>
    public const string Transition = """
        local state = redis.call('HGET', KEYS[1], ARGV[1])
        if not state then return {0} end
        local status, version = string.match(state, '^([^|]+)|(%d+)')
        if not string.find(ARGV[2], ',' .. status .. ',', 1, true) then return {1, state} end
        local changed = ARGV[3] .. '|' .. (tonumber(version) + 1) .. '|' .. ARGV[6]
        redis.call('HSET', KEYS[1], ARGV[1], changed)
        if ARGV[4] == '1' then
          for i = 2, 3 do
            if redis.call('HGET', KEYS[i], ARGV[5]) == ARGV[1] then redis.call('HDEL', KEYS[i], ARGV[5]) end
          end
        end
        return {2, changed}
        """;

    /// <summary>
    /// KEYS: meetings, meeting states, requester's slots, invitee's slots, requester's meetings, invitee's meetings.
    /// ARGV: meeting id, slot (unix ms). Removes the meeting and frees the slots it holds (an attendee's erasure).
    /// </summary>
    public const string Delete = """
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        for i = 3, 4 do
          if redis.call('HGET', KEYS[i], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[i], ARGV[2]) end
        end
        redis.call('SREM', KEYS[5], ARGV[1])
        redis.call('SREM', KEYS[6], ARGV[1])
        return 1
        """;
}

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Lua scripts of the presence store. Each change runs in one script, so capacity, the exclusive scope and
/// the one-seat-per-attendee rule hold across nodes. KEYS[1] is always <see cref="RedisKeys.PresencePrefix"/>
/// of the event: it routes the script to the event's hash slot, and <see cref="Prelude"/> builds every
/// presence key from it (the previous room of a scope is only known inside the script). Times are Unix ms.
/// </summary>
internal static class RedisPresenceScripts
{
    /// <summary>
    /// Keys and helpers shared by the scripts. A room is one hash: <c>version</c>, <c>count</c>, <c>order</c>,
    /// <c>scope</c>, <c>m:{attendee}</c> = "order TAB member JSON", <c>k:{attendee}</c> = the attendee's
    /// connection ids (TAB separated), <c>c:{connection}</c> = "attendee TAB node TAB holdUntil (0 = live)".
    /// Indexes: <c>node:{id}</c> set of "room TAB connection" per owning node, <c>nodes</c> hash node → last
    /// join, <c>grace</c> sorted set of held "room TAB connection" by deadline, <c>scope:{name}</c> hash
    /// attendee → room.
    /// </summary>
    private const string Prelude = """
        local P = KEYS[1]
        local GRACE = P .. 'grace'
        local NODES = P .. 'nodes'
        local function room_key(id) return P .. 'room:' .. id end
        local function node_key(id) return P .. 'node:' .. id end
        local function scope_key(name) return P .. 'scope:' .. name end
        local function split(s)
          local t = {}
          for x in string.gmatch(s or '', '[^\t]+') do t[#t + 1] = x end
          return t
        end
        local function num(room, field) return tonumber(redis.call('HGET', room, field) or '0') end

        local function free_seat(room_id, a)
          local room = room_key(room_id)
          redis.call('HDEL', room, 'm:' .. a, 'k:' .. a)
          local count = redis.call('HINCRBY', room, 'count', -1)
          local version = redis.call('HINCRBY', room, 'version', 1)
          local scope = redis.call('HGET', room, 'scope')
          if scope and redis.call('HGET', scope_key(scope), a) == room_id then redis.call('HDEL', scope_key(scope), a) end
          return {room_id, a, version, count}
        end

        local function unlink(room_id, c, entry)
          redis.call('SREM', node_key(split(entry)[2]), room_id .. '\t' .. c)
          redis.call('ZREM', GRACE, room_id .. '\t' .. c)
        end

        local function drop(room_id, c)
          local room = room_key(room_id)
          local entry = redis.call('HGET', room, 'c:' .. c)
          if not entry then return nil end
          local a = split(entry)[1]
          unlink(room_id, c, entry)
          redis.call('HDEL', room, 'c:' .. c)
          local rest = {}
          for _, x in ipairs(split(redis.call('HGET', room, 'k:' .. a))) do
            if x ~= c then rest[#rest + 1] = x end
          end
          if #rest == 0 then return free_seat(room_id, a) end
          redis.call('HSET', room, 'k:' .. a, table.concat(rest, '\t'))
          return nil
        end

        local function evict(room_id, a)
          local room = room_key(room_id)
          if redis.call('HEXISTS', room, 'm:' .. a) == 0 then return nil end
          for _, c in ipairs(split(redis.call('HGET', room, 'k:' .. a))) do
            local entry = redis.call('HGET', room, 'c:' .. c)
            if entry then
              unlink(room_id, c, entry)
              redis.call('HDEL', room, 'c:' .. c)
            end
          end
          return free_seat(room_id, a)
        end

        local function attach(room_id, a, c, node, now)
          local room = room_key(room_id)
          local old = redis.call('HGET', room, 'c:' .. c)
          if old then
            unlink(room_id, c, old)
          else
            local list = redis.call('HGET', room, 'k:' .. a)
            redis.call('HSET', room, 'k:' .. a, list and (list .. '\t' .. c) or c)
          end
          redis.call('HSET', room, 'c:' .. c, a .. '\t' .. node .. '\t0')
          redis.call('SADD', node_key(node), room_id .. '\t' .. c)
          redis.call('HSET', NODES, node, now)
        end

        local function members(room)
          local flat = redis.call('HGETALL', room)
          local out = {}
          for i = 1, #flat, 2 do
            if string.sub(flat[i], 1, 2) == 'm:' then
              out[#out + 1] = string.sub(flat[i], 3)
              out[#out + 1] = flat[i + 1]
            end
          end
          return out
        end

        -- Every connection, live or held, is in its node's set until it is dropped, and empty sets do not exist.
        local function idle()
          if redis.call('EXISTS', GRACE) == 1 then return 0 end
          for _, node in ipairs(redis.call('HKEYS', NODES)) do
            if redis.call('EXISTS', node_key(node)) == 1 then return 0 end
          end
          redis.call('DEL', NODES)
          return 1
        end

        local function split_item(item)
          local tab = string.find(item, '\t', 1, true)
          return string.sub(item, 1, tab - 1), string.sub(item, tab + 1)
        end

        """;

    /// <summary>
    /// ARGV: room, attendee, connection, node, member JSON, capacity (-1 = unlimited), scope ('' = none), now,
    /// list members (1/0). Returns {status (1 joined, 2 already a member, 3 full), version, count, left seat
    /// {room, attendee, version, count} or {}, members {attendee, "order TAB JSON", ...}}.
    /// </summary>
    public const string Join = Prelude + """
        local room_id, a, c, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local capacity, scope, now = tonumber(ARGV[6]), ARGV[7], ARGV[8]
        local room = room_key(room_id)
        local function listed() if ARGV[9] == '1' then return members(room) end return {} end
        if redis.call('HEXISTS', room, 'm:' .. a) == 1 then
          attach(room_id, a, c, node, now)
          return {2, num(room, 'version'), num(room, 'count'), {}, listed()}
        end
        if capacity >= 0 and num(room, 'count') >= capacity then
          return {3, num(room, 'version'), num(room, 'count'), {}, {}}
        end
        local left = {}
        if scope ~= '' then
          local previous = redis.call('HGET', scope_key(scope), a)
          if previous and previous ~= room_id then left = evict(previous, a) or {} end
          redis.call('HSET', scope_key(scope), a, room_id)
          redis.call('HSET', room, 'scope', scope)
        end
        local order = redis.call('HINCRBY', room, 'order', 1)
        redis.call('HSET', room, 'm:' .. a, order .. '\t' .. ARGV[5])
        local count = redis.call('HINCRBY', room, 'count', 1)
        local version = redis.call('HINCRBY', room, 'version', 1)
        attach(room_id, a, c, node, now)
        return {1, version, count, left, listed()}
        """;

    /// <summary>ARGV: room, connection. Returns the freed seat {room, attendee, version, count} or {}.</summary>
    public const string Leave = Prelude + """
        return drop(ARGV[1], ARGV[2]) or {}
        """;

    /// <summary>ARGV: room, connection, hold until. Marks the connection as held; returns 1, or 0 when unknown.</summary>
    public const string Disconnect = Prelude + """
        local room = room_key(ARGV[1])
        local entry = redis.call('HGET', room, 'c:' .. ARGV[2])
        if not entry then return 0 end
        local parts = split(entry)
        redis.call('HSET', room, 'c:' .. ARGV[2], parts[1] .. '\t' .. parts[2] .. '\t' .. ARGV[3])
        redis.call('ZADD', GRACE, ARGV[3], ARGV[1] .. '\t' .. ARGV[2])
        return 1
        """;

    /// <summary>ARGV: room, attendee. Returns the freed seat {room, attendee, version, count} or {}.</summary>
    public const string RemoveAttendee = Prelude + """
        return evict(ARGV[1], ARGV[2]) or {}
        """;

    /// <summary>ARGV: room. Returns {version, members {attendee, "order TAB JSON", ...}} read in one step.</summary>
    public const string Members = Prelude + """
        local room = room_key(ARGV[1])
        return {num(room, 'version'), members(room)}
        """;

    /// <summary>ARGV: room. Returns {version, count}.</summary>
    public const string Count = Prelude + """
        local room = room_key(ARGV[1])
        return {num(room, 'version'), num(room, 'count')}
        """;

    /// <summary>ARGV: room, attendee. Returns 1 when the attendee holds a seat.</summary>
    public const string IsMember = Prelude + """
        return redis.call('HEXISTS', room_key(ARGV[1]), 'm:' .. ARGV[2])
        """;

    /// <summary>ARGV: scope, attendee. Returns the attendee's room in the scope or nil.</summary>
    public const string RoomInScope = Prelude + """
        return redis.call('HGET', scope_key(ARGV[1]), ARGV[2])
        """;

    /// <summary>
    /// ARGV: now, node grace (ms), reap by node (1/0), live node ids... Frees held connections past their
    /// deadline and every connection of a node that is neither live nor seen within the node grace. Returns
    /// {idle (see <see cref="Idle"/>), {{room, attendee, version, count}, ...} freed seats}; a second run finds
    /// nothing left to free.
    /// </summary>
    public const string Reap = Prelude + """
        local now = tonumber(ARGV[1])
        local changes = {}
        local function add(change) if change then changes[#changes + 1] = change end end
        for _, item in ipairs(redis.call('ZRANGEBYSCORE', GRACE, '-inf', now)) do
          local room_id, c = split_item(item)
          redis.call('ZREM', GRACE, item)
          add(drop(room_id, c))
        end
        if ARGV[3] == '1' then
          local live = {}
          for i = 4, #ARGV do live[ARGV[i]] = true end
          local nodes = redis.call('HGETALL', NODES)
          for i = 1, #nodes, 2 do
            local node = nodes[i]
            if not live[node] and now - tonumber(nodes[i + 1]) > tonumber(ARGV[2]) then
              for _, item in ipairs(redis.call('SMEMBERS', node_key(node))) do
                local room_id, c = split_item(item)
                add(drop(room_id, c))
              end
              redis.call('DEL', node_key(node))
              redis.call('HDEL', NODES, node)
            end
          end
        end
        return {idle(), changes}
        """;

    /// <summary>
    /// No ARGV. Returns 1 when no connection of the event is held (live or in its grace period), after dropping
    /// the node index that nothing needs any more; 0 otherwise. Rooms keep their versions until the event is purged.
    /// </summary>
    public const string Idle = Prelude + """
        return idle()
        """;
}

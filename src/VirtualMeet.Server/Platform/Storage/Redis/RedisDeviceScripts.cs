namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua scripts of the device store: a refresh, a removal and a new sign-in code each change several keys in one step.</summary>
internal static class RedisDeviceScripts
{
    /// <summary>KEYS: devices, secrets. ARGV: device id, expected hash, new hash, renewed device JSON. Returns 1 when rotated.</summary>
    public const string Rotate = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
        return 1
        """;

    /// <summary>KEYS: devices, secrets, devices of the subject. ARGV: device id. Returns 1 when it existed.</summary>
    public const string Remove = """
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[3], ARGV[1])
        return redis.call('HDEL', KEYS[1], ARGV[1])
        """;

    /// <summary>KEYS: devices, secrets, devices of the subject, codes, code of. ARGV: subject. Returns the removed device ids.</summary>
    public const string RemoveAll = """
        local ids = redis.call('SMEMBERS', KEYS[3])
        for _, id in ipairs(ids) do
          redis.call('HDEL', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
        end
        redis.call('DEL', KEYS[3])
        local code = redis.call('HGET', KEYS[5], ARGV[1])
        if code then redis.call('HDEL', KEYS[4], code) end
        redis.call('HDEL', KEYS[5], ARGV[1])
        return ids
        """;

    /// <summary>KEYS: codes, code of. ARGV: subject, code hash, owner JSON.</summary>
    public const string SetCode = """
        local previous = redis.call('HGET', KEYS[2], ARGV[1])
        if previous then redis.call('HDEL', KEYS[1], previous) end
        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        return 1
        """;
}

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Lua scripts of the admission store; each runs as one atomic step on the Redis server.</summary>
internal static class RedisAdmissionScripts
{
    /// <summary>
    /// KEYS: a hash of issued entries. ARGV: field, value, field, value, ... Adds the fields the hash lacks, leaving
    /// existing ones as they are. Returns how many were added.
    /// </summary>
    public const string AddAbsent = """
        local added = 0
        for i = 1, #ARGV, 2 do
          added = added + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        return added
        """;

    /// <summary>
    /// KEYS: issued hash, used hash. ARGV: field, when (Unix ms). Returns -1 when the field was never issued, 1 when
    /// this call marked it used, 0 when it was used before: of concurrent redemptions exactly one gets 1.
    /// </summary>
    public const string Redeem = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
        return redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
        """;
}

using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Platform.Audit;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// An event's audit log as a sorted set scored by sequence number (a counter beside it), each member
/// <c>{sequence}:{entry JSON}</c>. Numbering, adding and trimming run as one script, so entries written by several
/// nodes at once get distinct, ordered numbers; a page is one range read from a sequence on. The event's purge
/// (<see cref="RedisEventPurge"/>, one SCAN over the hash tag) removes both keys.
/// </summary>
internal sealed class RedisAuditStore(RedisStoreDatabase redis) : IAuditStore
{
    /// <summary>KEYS: entries, sequence. ARGV: entry JSON, entries to keep. Returns the entry's sequence number.</summary>
    private const string Append = """
        local seq = redis.call('INCR', KEYS[2])
        redis.call('ZADD', KEYS[1], seq, seq .. ':' .. ARGV[1])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
        if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
        return seq
        """;

    public async Task<AuditEntry> AppendAsync(string eventId, AuditDraft draft, int retain, CancellationToken cancellationToken)
    {
        // Once: a second run would log the action twice.
        var sequence = (long)await redis.Once(db => db.ScriptEvaluateAsync(
            Append,
            [RedisKeys.AuditEntries(eventId), RedisKeys.AuditSequence(eventId)],
            [RedisJson.Serialize(draft), retain]));
        return draft.Numbered(sequence);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string eventId, long after, int count, CancellationToken cancellationToken)
    {
        var members = await redis.Idempotent(db => db.SortedSetRangeByScoreAsync(
            RedisKeys.AuditEntries(eventId), after, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, count));
        return [.. members.Select(member => Read(member!)).OfType<AuditEntry>()];
    }

    private static AuditEntry? Read(string member)
    {
        var colon = member.IndexOf(':', StringComparison.Ordinal);
        return RedisJson.Deserialize<AuditDraft>(member[(colon + 1)..])?.Numbered(long.Parse(member.AsSpan(0, colon), CultureInfo.InvariantCulture));
    }
}

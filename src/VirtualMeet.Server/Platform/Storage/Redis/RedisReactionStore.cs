using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Server.Features.Stage;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Reaction totals per stage in a hash; a push takes the window since the previous one in one script.</summary>
internal sealed class RedisReactionStore(RedisStoreDatabase redis) : IReactionStore
{
    // Once: an increment counted twice is a reaction nobody sent.
    public Task AddAsync(string eventId, string sessionId, string reaction, CancellationToken cancellationToken) =>
        redis.Once(db => db.HashIncrementAsync(RedisKeys.ReactionTotals(eventId, sessionId), reaction));

    public async Task<IReadOnlyDictionary<string, long>> TotalsAsync(string eventId, string sessionId, CancellationToken cancellationToken) =>
        (await redis.Idempotent(db => db.HashGetAllAsync(RedisKeys.ReactionTotals(eventId, sessionId))))
            .ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal);

    public async Task<ReactionWindow?> TakeWindowAsync(string eventId, string sessionId, TimeSpan interval, CancellationToken cancellationToken)
    {
        // Once: taking a window moves the pushed totals on.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisStageScripts.TakeReactionWindow,
            [
                RedisKeys.ReactionTotals(eventId, sessionId), RedisKeys.ReactionPushed(eventId, sessionId),
                RedisKeys.ReactionPushClaim(eventId, sessionId), RedisKeys.ReactionWindows(eventId, sessionId),
            ],
            [Math.Max(1, (long)interval.TotalMilliseconds)])))!;
        var sequence = (long)result[0];
        return sequence < 0 ? null : new ReactionWindow(sequence, Pairs((RedisResult[])result[1]!), Pairs((RedisResult[])result[2]!));
    }

    private static Dictionary<string, long> Pairs(RedisResult[] flat)
    {
        var pairs = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
            pairs[(string)flat[i]!] = long.Parse((string)flat[i + 1]!, CultureInfo.InvariantCulture);
        return pairs;
    }
}

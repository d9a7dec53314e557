using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Breakout state in Redis under the event's hash tag; changes run as <see cref="RedisBreakoutScripts"/>.</summary>
internal sealed class RedisBreakoutStore(RedisStoreDatabase redis) : IBreakoutStore, IAttendeeScopedData
{
    // Once: raising and lowering answer whether they changed anything, which a second run would not.
    public async Task<HandsUpdate> RaiseHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        Hands(await redis.Once(db => db.ScriptEvaluateAsync(RedisBreakoutScripts.Raise, HandKeys(eventId, sessionId), [attendeeId])));

    public async Task<HandsUpdate> LowerHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        Hands(await redis.Once(db => db.ScriptEvaluateAsync(RedisBreakoutScripts.Lower, HandKeys(eventId, sessionId), [attendeeId])));

    public async Task<HandsUpdate> GetHandsAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        var (hands, version) = await redis.Idempotent(async db =>
        {
            var hands = db.SortedSetRangeByRankAsync(RedisKeys.BreakoutHands(eventId, sessionId));
            var version = db.StringGetAsync(RedisKeys.BreakoutHandsVersion(eventId, sessionId));
            return (await hands, await version);
        });
        return new HandsUpdate(false, version.IsNull ? 0 : (long)version, [.. hands.Select(h => (string)h!)]);
    }

    public Task SetVideoUrlAsync(string eventId, string sessionId, string? url, CancellationToken cancellationToken) =>
        redis.Idempotent(db => url is null
            ? db.HashDeleteAsync(RedisKeys.BreakoutVideoUrls(eventId), sessionId)
            : db.HashSetAsync(RedisKeys.BreakoutVideoUrls(eventId), sessionId, url));

    public async Task<string?> GetVideoUrlAsync(string eventId, string sessionId, CancellationToken cancellationToken) =>
        await redis.Idempotent(db => db.HashGetAsync(RedisKeys.BreakoutVideoUrls(eventId), sessionId));

    public Task AdmitAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.SetAddAsync(RedisKeys.BreakoutAdmissions(eventId, attendeeId), sessionId));

    public Task<bool> IsAdmittedAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.SetContainsAsync(RedisKeys.BreakoutAdmissions(eventId, attendeeId), sessionId));

    public Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.KeyDeleteAsync(RedisKeys.BreakoutAdmissions(eventId, attendeeId)));

    public Task SetClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.StringSetAsync(RedisKeys.BreakoutsClosing(eventId), Millis(closesAt)));

    public async Task<DateTimeOffset?> GetClosingAsync(string eventId, CancellationToken cancellationToken)
    {
        var value = await redis.Idempotent(db => db.StringGetAsync(RedisKeys.BreakoutsClosing(eventId)));
        return value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)value);
    }

    // Once: one node wins the close; a second run would answer that it lost.
    public async Task<bool> TryCompleteClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken) =>
        (long)await redis.Once(db => db.ScriptEvaluateAsync(RedisBreakoutScripts.CompleteClosing,
            [RedisKeys.BreakoutsClosing(eventId)], [Millis(closesAt)])) == 1;

    private static RedisKey[] HandKeys(string eventId, string sessionId) =>
        [RedisKeys.BreakoutHands(eventId, sessionId), RedisKeys.BreakoutHandsVersion(eventId, sessionId)];

    private static HandsUpdate Hands(RedisResult result)
    {
        var values = (RedisResult[])result!;
        return new HandsUpdate((long)values[0] == 1, (long)values[1], [.. values.Skip(2).Select(v => (string)v!)]);
    }

    private static string Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}

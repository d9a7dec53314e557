using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Stage records as JSON beside their version (compare-and-set in Lua) and push claims.</summary>
internal sealed class RedisStageStore(RedisStoreDatabase redis) : IStageStore
{
    public async Task<StageRecord?> GetAsync(string eventId, string sessionId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<StageRecord>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.StageState(eventId, sessionId), "json")));

    // Once: compare-and-set, and so is the push claim below; a second run would answer differently.
    public async Task<bool> TrySetAsync(string eventId, string sessionId, long expectedVersion, StageRecord next, CancellationToken cancellationToken) =>
        (long)await redis.Once(db => db.ScriptEvaluateAsync(
            RedisStageScripts.CompareAndSet,
            [RedisKeys.StageState(eventId, sessionId)],
            [expectedVersion, next.Version, RedisJson.Serialize(next)])) == 1;

    public async Task<PushClaim> TryClaimPushAsync(string eventId, string sessionId, string channel, long version, TimeSpan interval, CancellationToken cancellationToken) =>
        (long)await redis.Once(db => db.ScriptEvaluateAsync(
            RedisStageScripts.ClaimPush,
            [RedisKeys.StagePushClaim(eventId, sessionId, channel), RedisKeys.StagePushed(eventId, sessionId, channel)],
            [version, Math.Max(1, (long)interval.TotalMilliseconds)])) switch
        {
            1 => PushClaim.Claimed,
            2 => PushClaim.AlreadyPushed,
            _ => PushClaim.Busy,
        };
}

using StackExchange.Redis;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Devices in one hash per event (device id → JSON), their refresh hashes in a second (so a rotation compares one
/// field), and each subject's device ids in a set (for listing and erasure). Sign-in codes: code hash → owner, and
/// subject → code hash to replace or erase it.
/// </summary>
internal sealed class RedisDeviceStore(RedisStoreDatabase redis) : IDeviceStore
{
    public Task AddAsync(Device device, string refreshHash, CancellationToken cancellationToken)
    {
        var (eventId, deviceId) = (device.EventId, device.DeviceId);
        // Idempotent: writing the same device twice leaves the same state.
        return redis.Idempotent(db =>
        {
            var batch = db.CreateTransaction();
            _ = batch.HashSetAsync(RedisKeys.Devices(eventId), deviceId, RedisJson.Serialize(device));
            _ = batch.HashSetAsync(RedisKeys.DeviceSecrets(eventId), deviceId, refreshHash);
            _ = batch.SetAddAsync(RedisKeys.DevicesOf(eventId, device.Subject), deviceId);
            return batch.ExecuteAsync();
        });
    }

    public async Task<Device?> GetAsync(string eventId, string deviceId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<Device>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Devices(eventId), deviceId)));

    public async Task<IReadOnlyList<Device>> ListAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        var ids = await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.DevicesOf(eventId, subject)));
        if (ids.Length == 0)
            return [];
        var values = await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Devices(eventId), ids));
        return [.. values.Select(value => RedisJson.Deserialize<Device>(value)).OfType<Device>()];
    }

    public async Task<bool> RotateAsync(Device renewed, string expectedHash, string newHash, CancellationToken cancellationToken) =>
        (long)await redis.Once(db => db.ScriptEvaluateAsync(RedisDeviceScripts.Rotate,
            [RedisKeys.Devices(renewed.EventId), RedisKeys.DeviceSecrets(renewed.EventId)],
            [renewed.DeviceId, expectedHash, newHash, RedisJson.Serialize(renewed)])) == 1;

    public async Task<bool> RemoveAsync(string eventId, string deviceId, CancellationToken cancellationToken)
    {
        if (await GetAsync(eventId, deviceId, cancellationToken) is not { } device)
            return false;
        return (long)await redis.Once(db => db.ScriptEvaluateAsync(RedisDeviceScripts.Remove,
            [RedisKeys.Devices(eventId), RedisKeys.DeviceSecrets(eventId), RedisKeys.DevicesOf(eventId, device.Subject)],
            [deviceId])) == 1;
    }

    public async Task<IReadOnlyList<string>> RemoveAllAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        var removed = (RedisResult[])(await redis.Idempotent(db => db.ScriptEvaluateAsync(RedisDeviceScripts.RemoveAll,
            [RedisKeys.Devices(eventId), RedisKeys.DeviceSecrets(eventId), RedisKeys.DevicesOf(eventId, subject),
                RedisKeys.SignInCodes(eventId), RedisKeys.SignInCodeOf(eventId)],
            [subject])))!;
        return [.. removed.Select(id => (string)id!)];
    }

    public Task SetSignInCodeAsync(string eventId, SignInCodeOwner owner, string codeHash, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.ScriptEvaluateAsync(RedisDeviceScripts.SetCode,
            [RedisKeys.SignInCodes(eventId), RedisKeys.SignInCodeOf(eventId)],
            [owner.Subject, codeHash, RedisJson.Serialize(owner)]));

    public async Task<SignInCodeOwner?> FindSignInCodeAsync(string eventId, string codeHash, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<SignInCodeOwner>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.SignInCodes(eventId), codeHash)));
}

using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

// One lock: sign-ins are rare next to everything else a node does, and rotation and removal must each be one step.
internal sealed class InMemoryDeviceStore : IDeviceStore, IEventScopedData
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string EventId, string DeviceId), (Device Device, string RefreshHash)> _devices = [];
    private readonly Dictionary<(string EventId, string CodeHash), SignInCodeOwner> _codes = [];
    private readonly Dictionary<(string EventId, string Subject), string> _codeOf = [];

    public Task AddAsync(Device device, string refreshHash, CancellationToken cancellationToken)
    {
        lock (_lock)
            _devices[(device.EventId, device.DeviceId)] = (device, refreshHash);
        return Task.CompletedTask;
    }

    public Task<Device?> GetAsync(string eventId, string deviceId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_devices.TryGetValue((eventId, deviceId), out var entry) ? entry.Device : null);
    }

    public Task<IReadOnlyList<Device>> ListAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<Device>>([.. _devices.Values.Select(e => e.Device).Where(d => d.EventId == eventId && d.Subject == subject)]);
    }

    public Task<bool> RotateAsync(Device renewed, string expectedHash, string newHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (renewed.EventId, renewed.DeviceId);
            if (!_devices.TryGetValue(key, out var entry) || entry.RefreshHash != expectedHash)
                return Task.FromResult(false);
            _devices[key] = (renewed, newHash);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveAsync(string eventId, string deviceId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_devices.Remove((eventId, deviceId)));
    }

    public Task<IReadOnlyList<string>> RemoveAllAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _devices.Values.Select(e => e.Device).Where(d => d.EventId == eventId && d.Subject == subject).Select(d => d.DeviceId).ToList();
            foreach (var deviceId in removed)
                _devices.Remove((eventId, deviceId));
            if (_codeOf.Remove((eventId, subject), out var codeHash))
                _codes.Remove((eventId, codeHash));
            return Task.FromResult<IReadOnlyList<string>>(removed);
        }
    }

    public Task SetSignInCodeAsync(string eventId, SignInCodeOwner owner, string codeHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_codeOf.TryGetValue((eventId, owner.Subject), out var previous))
                _codes.Remove((eventId, previous));
            _codes[(eventId, codeHash)] = owner;
            _codeOf[(eventId, owner.Subject)] = codeHash;
        }

        return Task.CompletedTask;
    }

    public Task<SignInCodeOwner?> FindSignInCodeAsync(string eventId, string codeHash, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_codes.GetValueOrDefault((eventId, codeHash)));
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var key in _devices.Keys.Where(k => k.EventId == eventId).ToList())
                _devices.Remove(key);
            foreach (var key in _codes.Keys.Where(k => k.EventId == eventId).ToList())
                _codes.Remove(key);
            foreach (var key in _codeOf.Keys.Where(k => k.EventId == eventId).ToList())
                _codeOf.Remove(key);
        }

        return Task.CompletedTask;
    }
}

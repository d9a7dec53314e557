using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>Stage records and push claims; one lock keeps compare-and-set and claims single steps.</summary>
internal sealed class InMemoryStageStore(TimeProvider time) : IStageStore, IEventScopedData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string EventId, string SessionId), StageRecord> _stages = [];
    private readonly ConcurrentDictionary<(string EventId, string SessionId, string Channel), (long Version, DateTimeOffset Until)> _claims = new();

    public Task<StageRecord?> GetAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_stages.GetValueOrDefault((eventId, sessionId)));
    }

    public Task<bool> TrySetAsync(string eventId, string sessionId, long expectedVersion, StageRecord next, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _stages.GetValueOrDefault((eventId, sessionId))?.Version ?? 0;
            if (current != expectedVersion)
                return Task.FromResult(false);
            _stages[(eventId, sessionId)] = next;
            return Task.FromResult(true);
        }
    }

    public Task<PushClaim> TryClaimPushAsync(string eventId, string sessionId, string channel, long version, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var key = (eventId, sessionId, channel);
            if (_claims.TryGetValue(key, out var claim))
            {
                if (claim.Version >= version)
                    return Task.FromResult(PushClaim.AlreadyPushed);
                if (claim.Until > now)
                    return Task.FromResult(PushClaim.Busy);
            }

            _claims[key] = (version, now + interval);
            return Task.FromResult(PushClaim.Claimed);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in _stages.Keys.Where(k => k.EventId == eventId).ToList())
                _stages.Remove(key);
            foreach (var key in _claims.Keys.Where(k => k.EventId == eventId))
                _claims.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}

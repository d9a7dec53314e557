using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Networking.Bars;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>One node: a claim is the time until which the bar's pushes are taken.</summary>
internal sealed class InMemoryBarPushClaims(TimeProvider time) : IBarPushClaims, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string BarId), DateTimeOffset> _claims = new();

    public Task<bool> TryClaimAsync(string eventId, string barId, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = (eventId, barId);
        while (true)
        {
            if (!_claims.TryGetValue(key, out var until))
            {
                if (_claims.TryAdd(key, now + interval))
                    return Task.FromResult(true);
                continue;
            }

            if (until > now)
                return Task.FromResult(false);
            if (_claims.TryUpdate(key, now + interval, until))
                return Task.FromResult(true);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _claims.Keys.Where(k => k.EventId == eventId))
            _claims.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

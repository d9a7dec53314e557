using System.Collections.Concurrent;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryRevocationStore(TimeProvider time) : IRevocationStore
{
    private readonly ConcurrentDictionary<Revocation, (DateTimeOffset At, DateTimeOffset Until)> _revocations = new();

    public Task AddAsync(Revocation revocation, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        // Dropped when no token they cover can still be valid; pruning on every add keeps the table that small.
        var now = time.GetUtcNow();
        foreach (var (old, entry) in _revocations)
        {
            if (entry.Until <= now)
                _revocations.TryRemove(old, out _);
        }

        _revocations[revocation] = (at, at + keepFor);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> RevokedUpToAsync(string eventId, string subject, string? deviceId, CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        var now = time.GetUtcNow();
        foreach (var key in new[] { Revocation.OfEvent(eventId), Revocation.OfSubject(eventId, subject), deviceId is null ? null : Revocation.OfDevice(eventId, deviceId) })
        {
            if (key is not null && _revocations.TryGetValue(key, out var entry) && entry.Until > now && (latest is null || entry.At > latest))
                latest = entry.At;
        }

        return Task.FromResult(latest);
    }
}

using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// Sliding-window log per (event, rule, attendee): the times of the permits taken within the window. One lock
/// per log makes prune, count and add a single step, like the Lua script of the Redis limiter.
/// </summary>
internal sealed class InMemoryRateLimiter(TimeProvider time) : IAttendeeRateLimiter, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string Rule, string AttendeeId), Queue<DateTimeOffset>> _logs = new();

    public Task<RateLimitDecision> TryAcquireAsync(string eventId, string attendeeId, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var log = _logs.GetOrAdd((eventId, rule.Name, attendeeId), _ => new Queue<DateTimeOffset>());
        var now = time.GetUtcNow();
        lock (log)
        {
            while (log.Count > 0 && log.Peek() <= now - rule.Window)
                log.Dequeue();
            if (log.Count < rule.PermitLimit)
            {
                log.Enqueue(now);
                return Task.FromResult(RateLimitDecision.Allow);
            }

            // A shrunk limit (reconfiguration) can leave more entries than permits; the oldest still decides.
            return Task.FromResult(RateLimitDecision.Refuse(log.Peek() + rule.Window - now));
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _logs.Keys.Where(k => k.EventId == eventId))
            _logs.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

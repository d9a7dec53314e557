using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// Sliding-window log per (event, rule, attendee): the times of the permits taken within the window. One lock
/// per log makes prune, count and add a single step, like the Lua script of the Redis limiter. Logs whose window
/// has passed are swept once per <see cref="SweepInterval"/>, as the Redis key expires, so callers that come and go
/// (or keys made up by a hostile client) cost no memory after their window.
/// </summary>
internal sealed class InMemoryRateLimiter(TimeProvider time) : IAttendeeRateLimiter, IEventScopedData, IAttendeeScopedData
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string EventId, string Rule, string AttendeeId), PermitLog> _logs = new();
    private long _nextSweepTicks = time.GetUtcNow().Add(SweepInterval).UtcTicks;

    /// <summary>How many logs are held now (tests watch it).</summary>
    public int LogCount => _logs.Count;

    public Task<RateLimitDecision> TryAcquireAsync(string eventId, string attendeeId, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        while (true)
        {
            var log = _logs.GetOrAdd((eventId, rule.Name, attendeeId), _ => new PermitLog());
            lock (log)
            {
                // Swept between GetOrAdd and lock: take the log that replaces it, so no permit is recorded in a log
                // nobody reads any more.
                if (log.Retired)
                    continue;

                log.Window = rule.Window;
                log.Prune(now);
                if (log.Times.Count < rule.PermitLimit)
                {
                    log.Times.Enqueue(now);
                    return Task.FromResult(RateLimitDecision.Allow);
                }

                // A shrunk limit (reconfiguration) can leave more entries than permits; the oldest still decides.
                return Task.FromResult(RateLimitDecision.Refuse(log.Times.Peek() + rule.Window - now));
            }
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _logs.Keys.Where(k => k.EventId == eventId))
            _logs.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>An erased attendee's budgets go with them (the logs are keyed by their id).</summary>
    public Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        foreach (var (key, log) in _logs)
        {
            if (key.EventId != eventId || key.AttendeeId != attendeeId)
                continue;
            lock (log)
            {
                log.Retired = true;
                _logs.TryRemove(new KeyValuePair<(string, string, string), PermitLog>(key, log));
            }
        }

        return Task.CompletedTask;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        // One caller per interval sweeps; the others go on at once.
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.Add(SweepInterval).UtcTicks, due) != due)
            return;

        foreach (var (key, log) in _logs)
        {
            lock (log)
            {
                log.Prune(now);
                if (log.Times.Count > 0)
                    continue;
                log.Retired = true;
                _logs.TryRemove(new KeyValuePair<(string, string, string), PermitLog>(key, log));
            }
        }
    }

    private sealed class PermitLog
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public TimeSpan Window { get; set; }

        public bool Retired { get; set; }

        public void Prune(DateTimeOffset now)
        {
            while (Times.Count > 0 && Times.Peek() <= now - Window)
                Times.Dequeue();
        }
    }
}

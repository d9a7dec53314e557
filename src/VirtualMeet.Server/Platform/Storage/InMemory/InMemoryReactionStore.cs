using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Stage;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>Totals and the totals at the last push per stage; one lock per stage makes a window take atomic.</summary>
internal sealed class InMemoryReactionStore(TimeProvider time) : IReactionStore, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string SessionId), Counters> _stages = new();

    public Task AddAsync(string eventId, string sessionId, string reaction, CancellationToken cancellationToken)
    {
        var counters = _stages.GetOrAdd((eventId, sessionId), _ => new Counters());
        lock (counters)
            counters.Totals[reaction] = counters.Totals.GetValueOrDefault(reaction) + 1;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, long>> TotalsAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var counters))
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
        lock (counters)
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(counters.Totals));
    }

    public Task<ReactionWindow?> TakeWindowAsync(string eventId, string sessionId, TimeSpan interval, CancellationToken cancellationToken)
    {
        var counters = _stages.GetOrAdd((eventId, sessionId), _ => new Counters());
        var now = time.GetUtcNow();
        lock (counters)
        {
            if (counters.ClaimedUntil > now)
                return Task.FromResult<ReactionWindow?>(null);

            var window = counters.Totals
                .Select(t => (t.Key, Count: t.Value - counters.Pushed.GetValueOrDefault(t.Key)))
                .Where(t => t.Count > 0)
                .ToDictionary(t => t.Key, t => t.Count);
            if (window.Count == 0)
                return Task.FromResult<ReactionWindow?>(new ReactionWindow(0, window, new Dictionary<string, long>(counters.Totals)));

            counters.ClaimedUntil = now + interval;
            counters.Sequence++;
            foreach (var (reaction, total) in counters.Totals)
                counters.Pushed[reaction] = total;
            return Task.FromResult<ReactionWindow?>(new ReactionWindow(counters.Sequence, window, new Dictionary<string, long>(counters.Totals)));
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _stages.Keys.Where(k => k.EventId == eventId))
            _stages.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private sealed class Counters
    {
        public Dictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Pushed { get; } = new(StringComparer.Ordinal);

        public long Sequence { get; set; }

        public DateTimeOffset ClaimedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}

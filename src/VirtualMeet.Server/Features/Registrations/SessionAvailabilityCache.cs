using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>
/// The seats taken, seats left and waitlist length of every session with a capacity, as the anonymous availability
/// endpoint answers it. Each computation reads every roster of the event, so this node computes it at most once per
/// <see cref="RegistrationsOptions.AvailabilityCacheSeconds"/> per event, and requests that arrive while it is being
/// computed wait for that one computation: a flood costs one round of roster reads per second per event.
/// </summary>
/// <remarks>
/// A dictionary of timestamped entries rather than a cache package: nothing of the kind is referenced, the clock
/// must be the injected <see cref="TimeProvider"/>, and the one-computation-at-a-time rule is a few lines here. Only
/// events that exist keep an entry (an answer for an unknown event is not kept), and entries outlive their time only
/// until the next computation sweeps them, so a purged event's answer does not stay in memory.
/// </remarks>
internal sealed class SessionAvailabilityCache(
    IEventStore events,
    ISessionRegistrationStore seats,
    IOptions<RegistrationsOptions> options,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many events this node holds an answer for (tests watch it).</summary>
    public int Count => _entries.Count;

    public bool Holds(string eventId) => _entries.ContainsKey(eventId);

    /// <summary>The event's availability, or <c>null</c> when the event does not exist.</summary>
    public async Task<IReadOnlyList<SessionAvailability>?> GetAsync(string eventId, CancellationToken cancellationToken)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.AvailabilityCacheSeconds);
        while (true)
        {
            var now = time.GetUtcNow();
            _entries.TryGetValue(eventId, out var cached);
            if (cached is not null && (now - cached.ComputedAt < lifetime || !cached.Answer.IsCompleted))
                return await cached.Answer.WaitAsync(cancellationToken);

            var fresh = new Entry(now);
            var claimed = cached is null ? _entries.TryAdd(eventId, fresh) : _entries.TryUpdate(eventId, fresh, cached);
            if (!claimed)
                continue; // Another request started the computation: wait for that one.

            _ = FillAsync(eventId, fresh, now - lifetime);
            return await fresh.Answer.WaitAsync(cancellationToken);
        }
    }

    // Not cancelled by the request that happened to start it: the others wait for it too.
    private async Task FillAsync(string eventId, Entry entry, DateTimeOffset staleBefore)
    {
        try
        {
            var answer = await ComputeAsync(eventId, CancellationToken.None);
            if (answer is null)
                _entries.TryRemove(new KeyValuePair<string, Entry>(eventId, entry));
            entry.Complete(answer);
        }
        catch (Exception e)
        {
            // A failure is not kept: the next request tries again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(eventId, entry));
            entry.Fail(e);
        }

        Sweep(staleBefore);
    }

    private void Sweep(DateTimeOffset staleBefore)
    {
        foreach (var (eventId, entry) in _entries)
        {
            if (entry.ComputedAt < staleBefore && entry.Answer.IsCompleted)
                _entries.TryRemove(new KeyValuePair<string, Entry>(eventId, entry));
        }
    }

    private async Task<IReadOnlyList<SessionAvailability>?> ComputeAsync(string eventId, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return null;

        var availability = new List<SessionAvailability>();
        foreach (var session in definition.Sessions.Where(s => s.Capacity is not null))
        {
            var roster = await seats.GetRosterAsync(eventId, session.Id, cancellationToken);
            var capacity = session.Capacity!.Value;
            availability.Add(new SessionAvailability(
                session.Id, capacity, roster.Confirmed.Count, roster.Waitlist.Count, Math.Max(0, capacity - roster.Confirmed.Count)));
        }

        return availability;
    }

    private sealed class Entry(DateTimeOffset computedAt)
    {
        private readonly TaskCompletionSource<IReadOnlyList<SessionAvailability>?> _answer =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset ComputedAt { get; } = computedAt;

        public Task<IReadOnlyList<SessionAvailability>?> Answer => _answer.Task;

        public void Complete(IReadOnlyList<SessionAvailability>? answer) => _answer.TrySetResult(answer);

        public void Fail(Exception exception) => _answer.TrySetException(exception);
    }
}

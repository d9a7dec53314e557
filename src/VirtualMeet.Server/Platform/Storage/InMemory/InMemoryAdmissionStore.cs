using System.Collections.Concurrent;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations.Admission;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// One lock per event makes "exists and unused, then used" a single step, as the Lua script of the Redis store does;
/// events never contend with each other.
/// </summary>
internal sealed class InMemoryAdmissionStore : IAdmissionStore, IEventScopedData
{
    private readonly ConcurrentDictionary<string, EventAdmission> _events = new(StringComparer.Ordinal);

    public Task<int> AddInvitationsAsync(string eventId, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken)
    {
        var admission = Of(eventId);
        lock (admission)
            return Task.FromResult(codeHashes.Count(admission.Invitations.Add));
    }

    public Task<int> AddTicketsAsync(string eventId, IReadOnlyList<TicketDefinition> tickets, CancellationToken cancellationToken)
    {
        var admission = Of(eventId);
        lock (admission)
            return Task.FromResult(tickets.Count(t => admission.Tickets.TryAdd(t.TicketId, t)));
    }

    public Task<TicketDefinition?> GetTicketAsync(string eventId, string ticketId, CancellationToken cancellationToken)
    {
        if (!_events.TryGetValue(eventId, out var admission))
            return Task.FromResult<TicketDefinition?>(null);
        lock (admission)
            return Task.FromResult(admission.Tickets.GetValueOrDefault(ticketId));
    }

    public Task<Redemption> RedeemAsync(string eventId, AdmissionKind kind, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!_events.TryGetValue(eventId, out var admission))
            return Task.FromResult(Redemption.Unknown);

        lock (admission)
        {
            var (issued, used) = kind == AdmissionKind.Invitation
                ? (admission.Invitations.Contains(key), admission.InvitationsUsed)
                : (admission.Tickets.ContainsKey(key), admission.TicketsUsed);
            if (!issued)
                return Task.FromResult(Redemption.Unknown);
            return Task.FromResult(used.TryAdd(key, at) ? Redemption.Redeemed : Redemption.AlreadyUsed);
        }
    }

    public Task<AdmissionTally> CountAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!_events.TryGetValue(eventId, out var admission))
            return Task.FromResult(new AdmissionTally(0, 0, 0, 0));
        lock (admission)
        {
            return Task.FromResult(new AdmissionTally(admission.Invitations.Count, admission.InvitationsUsed.Count,
                admission.Tickets.Count, admission.TicketsUsed.Count));
        }
    }

    public Task<IReadOnlyList<TicketState>> ListTicketsAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!_events.TryGetValue(eventId, out var admission))
            return Task.FromResult<IReadOnlyList<TicketState>>([]);
        lock (admission)
        {
            return Task.FromResult<IReadOnlyList<TicketState>>(admission.Tickets.Values
                .Select(t => new TicketState(t, admission.TicketsUsed.TryGetValue(t.TicketId, out var usedAt) ? usedAt : null))
                .ToList());
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        _events.TryRemove(eventId, out _);
        return Task.CompletedTask;
    }

    private EventAdmission Of(string eventId) => _events.GetOrAdd(eventId, _ => new EventAdmission());

    private sealed class EventAdmission
    {
        public HashSet<string> Invitations { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DateTimeOffset> InvitationsUsed { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, TicketDefinition> Tickets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DateTimeOffset> TicketsUsed { get; } = new(StringComparer.Ordinal);
    }
}

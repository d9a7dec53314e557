using VirtualMeet.Contracts.Organizers;

namespace VirtualMeet.Server.Platform.Audit;

/// <summary>
/// The audit logs of events, one per event, oldest first. Implementations also implement the purge port, so an
/// event's purge takes its log along.
/// </summary>
internal interface IAuditStore
{
    /// <summary>Appends <paramref name="draft"/> with the event's next sequence number; keeps the newest <paramref name="retain"/> entries.</summary>
    Task<AuditEntry> AppendAsync(string eventId, AuditDraft draft, int retain, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> entries with a sequence number above <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string eventId, long after, int count, CancellationToken cancellationToken);
}

/// <summary>An entry before the store numbered it.</summary>
internal sealed record AuditDraft(DateTimeOffset At, string ActorId, string? ActorName, string Action, string Target, string? Details)
{
    public AuditEntry Numbered(long sequence) => new(sequence, At, ActorId, ActorName, Action, Target, Details);
}

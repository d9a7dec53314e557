using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Organizers;

namespace VirtualMeet.Server.Platform.Audit;

/// <summary>
/// Records moderation and administration in the event's audit log: who, when, what, to what. Called by the service
/// that acted, after the change took effect, so the log holds what happened and not what was tried.
/// </summary>
internal interface IAuditLog
{
    Task RecordAsync(string eventId, AuditActor actor, string action, string target, string? details, CancellationToken cancellationToken);

    /// <summary>A page of the log from the entry after <paramref name="after"/>; at most <see cref="AuditOptions.MaxPageSize"/> entries.</summary>
    Task<AuditPage> ReadAsync(string eventId, long after, int limit, CancellationToken cancellationToken);
}

internal sealed partial class AuditLog(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger) : IAuditLog
{
    public async Task RecordAsync(string eventId, AuditActor actor, string action, string target, string? details, CancellationToken cancellationToken)
    {
        var entry = await store.AppendAsync(
            eventId, new AuditDraft(time.GetUtcNow(), actor.Id, actor.Name, action, target, details), options.Value.MaxEntriesPerEvent, cancellationToken);
        LogRecorded(eventId, entry.Sequence, action, target, actor.Id);
    }

    public async Task<AuditPage> ReadAsync(string eventId, long after, int limit, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(limit, 1, options.Value.MaxPageSize);
        var entries = await store.ReadAsync(eventId, Math.Max(0, after), count, cancellationToken);
        return new AuditPage(entries, entries.Count == count ? entries[^1].Sequence : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {Sequence} of event {EventId}: {Action} {Target} by {ActorId}")]
    private partial void LogRecorded(string eventId, long sequence, string action, string target, string actorId);
}

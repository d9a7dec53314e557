using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryAuditStore : IAuditStore, IEventScopedData
{
    private readonly Dictionary<string, EventLog> _logs = new(StringComparer.Ordinal);

    public Task<AuditEntry> AppendAsync(string eventId, AuditDraft draft, int retain, CancellationToken cancellationToken)
    {
        lock (_logs)
        {
            if (!_logs.TryGetValue(eventId, out var log))
                _logs[eventId] = log = new EventLog();
            var entry = draft.Numbered(++log.Sequence);
            log.Entries.Enqueue(entry);
            while (log.Entries.Count > retain)
                log.Entries.Dequeue();
            return Task.FromResult(entry);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string eventId, long after, int count, CancellationToken cancellationToken)
    {
        lock (_logs)
        {
            IReadOnlyList<AuditEntry> page = _logs.TryGetValue(eventId, out var log)
                ? [.. log.Entries.Where(e => e.Sequence > after).Take(count)]
                : [];
            return Task.FromResult(page);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_logs)
            _logs.Remove(eventId);
        return Task.CompletedTask;
    }

    private sealed class EventLog
    {
        public long Sequence { get; set; }

        public Queue<AuditEntry> Entries { get; } = new();
    }
}

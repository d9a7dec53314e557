using VirtualMeet.Server.Platform.Storage;

namespace VirtualMeet.Server.Features.Events;

/// <summary>An organizer's purge: every store drops what it holds of the event, then the definition goes.</summary>
internal sealed partial class EventPurgeService(IEventStore events, IEnumerable<IEventScopedData> stores, ILogger<EventPurgeService> logger)
{
    public async Task PurgeAsync(string eventId, CancellationToken cancellationToken)
    {
        // The definition goes last so that a purge interrupted half-way can simply be repeated.
        foreach (var store in stores)
            await store.PurgeEventAsync(eventId, cancellationToken);
        await events.DeleteAsync(eventId, cancellationToken);
        LogPurged(eventId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} purged with all its data")]
    private partial void LogPurged(string eventId);
}

using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Storage;

namespace VirtualMeet.Server.Features.Events;

/// <summary>An organizer's purge: every store drops what it holds of the event, then the definition goes.</summary>
internal sealed partial class EventPurgeService(
    IEventStore events, IEnumerable<IEventScopedData> stores, TokenRevocations revocations, ILogger<EventPurgeService> logger)
{
    public async Task PurgeAsync(string eventId, CancellationToken cancellationToken)
    {
        // The definition goes last so that a purge interrupted half-way can simply be repeated.
        foreach (var store in stores)
            await store.PurgeEventAsync(eventId, cancellationToken);
        await events.DeleteAsync(eventId, cancellationToken);
        // After the data: the revocation is the one key the purge leaves (until the last token it covers expires), and
        // it closes the event's connections on every node. An event imported again under the same id starts clean.
        await revocations.RevokeAsync(Revocation.OfEvent(eventId), cancellationToken);
        LogPurged(eventId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} purged with all its data")]
    private partial void LogPurged(string eventId);
}

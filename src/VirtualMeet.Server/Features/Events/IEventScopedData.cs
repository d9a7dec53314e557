namespace VirtualMeet.Server.Features.Events;

/// <summary>
/// Implemented by every store that keeps data of an event, so that an organizer's purge erases all of it.
/// Storage registers every store that implements it (see docs/architecture.md).
/// </summary>
public interface IEventScopedData
{
    Task PurgeEventAsync(string eventId, CancellationToken cancellationToken);
}

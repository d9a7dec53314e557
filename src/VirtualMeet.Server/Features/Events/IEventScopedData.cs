namespace VirtualMeet.Server.Features.Events;

/// <summary>
/// Implemented by every store that keeps data of an event, so that an organizer's purge erases all of it.
/// Register implementations with <see cref="StorageRegistration.AddEventScopedData{TStore}"/>.
/// </summary>
public interface IEventScopedData
{
    Task PurgeEventAsync(string eventId, CancellationToken cancellationToken);
}

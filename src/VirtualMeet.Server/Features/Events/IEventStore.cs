using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Features.Events;

/// <summary>Event definitions, stored whole as imported. Definitions are validated before they get here.</summary>
public interface IEventStore
{
    /// <summary>Adds the event; <c>false</c> when an event with that id already exists (nothing is changed).</summary>
    Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the definition of an existing event (its registration mode, the one setting that changes in place);
    /// <c>false</c> when there is none, so a replace racing a purge never brings the event back.
    /// </summary>
    Task<bool> ReplaceAsync(EventDefinition definition, CancellationToken cancellationToken);

    Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>All events, ordered by id.</summary>
    Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes the definition; <c>false</c> when there was none.</summary>
    Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken);
}

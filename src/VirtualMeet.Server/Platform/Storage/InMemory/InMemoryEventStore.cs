using System.Collections.Concurrent;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryEventStore : IEventStore
{
    private readonly ConcurrentDictionary<string, EventDefinition> _events = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken) =>
        Task.FromResult(_events.TryAdd(definition.Id, definition));

    public Task<bool> ReplaceAsync(EventDefinition definition, CancellationToken cancellationToken)
    {
        // Compare-and-swap: a purge between the read and the write makes the swap fail instead of re-adding the event.
        while (_events.TryGetValue(definition.Id, out var current))
        {
            if (_events.TryUpdate(definition.Id, definition, current))
                return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    public Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.GetValueOrDefault(eventId));

    public Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EventDefinition>>(_events.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());

    public Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.TryRemove(eventId, out _));
}

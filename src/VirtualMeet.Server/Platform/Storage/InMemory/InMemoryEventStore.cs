using System.Collections.Concurrent;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryEventStore : IEventStore
{
    private readonly ConcurrentDictionary<string, EventDefinition> _events = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken) =>
        Task.FromResult(_events.TryAdd(definition.Id, definition));

    public Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.GetValueOrDefault(eventId));

    public Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EventDefinition>>(_events.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());

    public Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.TryRemove(eventId, out _));
}

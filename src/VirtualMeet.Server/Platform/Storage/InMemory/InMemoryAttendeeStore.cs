using System.Collections.Concurrent;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

internal sealed class InMemoryAttendeeStore : IAttendeeStore, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string AttendeeId), Attendee> _attendees = new();

    public Task AddAsync(Attendee attendee, CancellationToken cancellationToken)
    {
        _attendees[(attendee.EventId, attendee.Id)] = attendee;
        return Task.CompletedTask;
    }

    public Task<Attendee?> GetAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        Task.FromResult(_attendees.GetValueOrDefault((eventId, attendeeId)));

    public Task<bool> DeleteAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        Task.FromResult(_attendees.TryRemove((eventId, attendeeId), out _));

    public Task<IReadOnlyList<Attendee>> ListAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Attendee>>([.. _attendees.Where(pair => pair.Key.EventId == eventId).Select(pair => pair.Value)]);

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _attendees.Keys.Where(k => k.EventId == eventId))
            _attendees.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}

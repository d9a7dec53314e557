using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>Breakout state of a single node; one lock keeps each change atomic, like the Lua scripts on Redis.</summary>
internal sealed class InMemoryBreakoutStore : IBreakoutStore, IEventScopedData, IAttendeeScopedData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string EventId, string SessionId), Hands> _hands = [];
    private readonly Dictionary<(string EventId, string SessionId), string> _videoUrls = [];
    private readonly Dictionary<string, DateTimeOffset> _closing = new(StringComparer.Ordinal);
    private readonly HashSet<(string EventId, string SessionId, string AttendeeId)> _admitted = [];

    public Task<HandsUpdate> RaiseHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        Change(eventId, sessionId, hands =>
        {
            if (hands.Queue.Contains(attendeeId))
                return false;
            hands.Queue.Add(attendeeId);
            return true;
        });

    public Task<HandsUpdate> LowerHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
        Change(eventId, sessionId, hands => hands.Queue.Remove(attendeeId));

    public Task<HandsUpdate> GetHandsAsync(string eventId, string sessionId, CancellationToken cancellationToken) =>
        Change(eventId, sessionId, _ => false);

    public Task SetVideoUrlAsync(string eventId, string sessionId, string? url, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (url is null)
                _videoUrls.Remove((eventId, sessionId));
            else
                _videoUrls[(eventId, sessionId)] = url;
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetVideoUrlAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_videoUrls.GetValueOrDefault((eventId, sessionId)));
    }

    public Task AdmitAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        lock (_gate)
            _admitted.Add((eventId, sessionId, attendeeId));
        return Task.CompletedTask;
    }

    public Task<bool> IsAdmittedAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_admitted.Contains((eventId, sessionId, attendeeId)));
    }

    public Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        lock (_gate)
            _admitted.RemoveWhere(a => a.EventId == eventId && a.AttendeeId == attendeeId);
        return Task.CompletedTask;
    }

    public Task SetClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        lock (_gate)
            _closing[eventId] = closesAt;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetClosingAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<DateTimeOffset?>(_closing.TryGetValue(eventId, out var at) ? at : null);
    }

    public Task<bool> TryCompleteClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_closing.TryGetValue(eventId, out var at) || at != closesAt)
                return Task.FromResult(false);
            _closing.Remove(eventId);
            return Task.FromResult(true);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in _hands.Keys.Where(k => k.EventId == eventId).ToList())
                _hands.Remove(key);
            foreach (var key in _videoUrls.Keys.Where(k => k.EventId == eventId).ToList())
                _videoUrls.Remove(key);
            _closing.Remove(eventId);
            _admitted.RemoveWhere(a => a.EventId == eventId);
        }

        return Task.CompletedTask;
    }

    private Task<HandsUpdate> Change(string eventId, string sessionId, Func<Hands, bool> change)
    {
        lock (_gate)
        {
            if (!_hands.TryGetValue((eventId, sessionId), out var hands))
                _hands[(eventId, sessionId)] = hands = new Hands();
            var changed = change(hands);
            if (changed)
                hands.Version++;
            return Task.FromResult(new HandsUpdate(changed, hands.Version, [.. hands.Queue]));
        }
    }

    private sealed class Hands
    {
        public long Version { get; set; }

        public List<string> Queue { get; } = [];
    }
}

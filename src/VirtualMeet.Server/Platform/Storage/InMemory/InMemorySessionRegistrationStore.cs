using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// One lock per event keeps seat counting and waitlist promotion atomic, like the Lua scripts of the Redis
/// store; registrations of different events never contend.
/// </summary>
internal sealed class InMemorySessionRegistrationStore : ISessionRegistrationStore, IEventScopedData
{
    private readonly Lock _eventsLock = new();
    private readonly Dictionary<string, EventSeats> _events = new(StringComparer.Ordinal);

    public Task<SessionPlace> RegisterAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken)
    {
        var seats = For(eventId);
        lock (seats)
        {
            var session = seats.Session(sessionId);
            var current = session.PlaceOf(attendeeId);
            if (current.Status != SessionRegistrationStatus.None)
                return Task.FromResult(current);

            seats.SessionsOf(attendeeId).Add(sessionId);
            if (capacity is null || session.Confirmed.Count < capacity)
            {
                session.Confirmed.Add(attendeeId);
                return Task.FromResult(SessionPlace.Confirmed);
            }

            session.Waitlist.Add(attendeeId);
            return Task.FromResult(SessionPlace.Waitlisted(session.Waitlist.Count));
        }
    }

    public Task<Cancellation> CancelAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken)
    {
        var seats = For(eventId);
        lock (seats)
        {
            var session = seats.Session(sessionId);
            seats.SessionsOf(attendeeId).Remove(sessionId);
            if (session.Waitlist.Remove(attendeeId))
                return Task.FromResult(new Cancellation(SessionRegistrationStatus.Waitlisted, []));
            if (!session.Confirmed.Remove(attendeeId))
                return Task.FromResult(new Cancellation(SessionRegistrationStatus.None, []));

            var promoted = new List<string>();
            while (session.Waitlist.Count > 0 && (capacity is null || session.Confirmed.Count < capacity))
            {
                var first = session.Waitlist[0];
                session.Waitlist.RemoveAt(0);
                session.Confirmed.Add(first);
                promoted.Add(first);
            }

            return Task.FromResult(new Cancellation(SessionRegistrationStatus.Confirmed, promoted));
        }
    }

    public Task<SessionPlace> GetAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        var seats = For(eventId);
        lock (seats)
            return Task.FromResult(seats.Session(sessionId).PlaceOf(attendeeId));
    }

    public Task<IReadOnlyList<string>> GetSessionsOfAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var seats = For(eventId);
        lock (seats)
            return Task.FromResult<IReadOnlyList<string>>(seats.SessionsOf(attendeeId).Order(StringComparer.Ordinal).ToList());
    }

    public Task<SessionRoster> GetRosterAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        var seats = For(eventId);
        lock (seats)
        {
            var session = seats.Session(sessionId);
            return Task.FromResult(new SessionRoster([.. session.Confirmed], [.. session.Waitlist]));
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_eventsLock)
            _events.Remove(eventId);
        return Task.CompletedTask;
    }

    private EventSeats For(string eventId)
    {
        lock (_eventsLock)
        {
            if (!_events.TryGetValue(eventId, out var seats))
                _events[eventId] = seats = new EventSeats();
            return seats;
        }
    }

    private sealed class EventSeats
    {
        private readonly Dictionary<string, SessionSeats> _sessions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _byAttendee = new(StringComparer.Ordinal);

        public SessionSeats Session(string sessionId)
        {
            if (!_sessions.TryGetValue(sessionId, out var session))
                _sessions[sessionId] = session = new SessionSeats();
            return session;
        }

        public HashSet<string> SessionsOf(string attendeeId)
        {
            if (!_byAttendee.TryGetValue(attendeeId, out var sessions))
                _byAttendee[attendeeId] = sessions = new HashSet<string>(StringComparer.Ordinal);
            return sessions;
        }
    }

    private sealed class SessionSeats
    {
        public List<string> Confirmed { get; } = [];
        public List<string> Waitlist { get; } = [];

        public SessionPlace PlaceOf(string attendeeId)
        {
            if (Confirmed.Contains(attendeeId))
                return SessionPlace.Confirmed;
            var index = Waitlist.IndexOf(attendeeId);
            return index >= 0 ? SessionPlace.Waitlisted(index + 1) : SessionPlace.None;
        }
    }
}

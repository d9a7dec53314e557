using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// Presence of a single node. One lock per event makes each change atomic, as the Lua scripts do on Redis;
/// the exclusive scope needs two rooms of one event in one step, which is why the lock is per event, not per room.
/// </summary>
internal sealed class InMemoryPresenceStore : IPresenceStore, IEventScopedData
{
    private readonly Lock _eventsLock = new();
    private readonly Dictionary<string, EventPresence> _events = new(StringComparer.Ordinal);

    public Task<PresenceJoinResult> JoinAsync(PresenceRoom room, PresenceJoin join, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
        {
            var target = presence.Room(room.RoomId);
            presence.NodesLastSeen[join.NodeId] = join.Now;
            if (target.Seats.TryGetValue(join.AttendeeId, out var seat))
            {
                target.Attach(join, seat);
                return Task.FromResult(Result(PresenceJoinStatus.AlreadyMember, target, join, null));
            }

            if (join.Capacity is { } capacity && target.Seats.Count >= capacity)
                return Task.FromResult(new PresenceJoinResult(PresenceJoinStatus.Full, target.Version, target.Seats.Count, capacity, null, null));

            PresenceSeatChange? left = null;
            if (join.ExclusiveScope is { } scope)
            {
                if (presence.Scopes.TryGetValue((scope, join.AttendeeId), out var previous) && previous != room.RoomId)
                    left = presence.Evict(new PresenceRoom(room.EventId, previous), join.AttendeeId);
                presence.Scopes[(scope, join.AttendeeId)] = room.RoomId;
                target.Scope = scope;
            }

            seat = new Seat(new PresenceMember(join.AttendeeId, join.DisplayName, join.Role, join.Now), target.NextOrder++);
            target.Seats[join.AttendeeId] = seat;
            target.Version++;
            target.Attach(join, seat);
            return Task.FromResult(Result(PresenceJoinStatus.Joined, target, join, left));
        }
    }

    public Task<PresenceSeatChange?> LeaveAsync(PresenceRoom room, string connectionId, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
            return Task.FromResult(presence.Drop(room, connectionId));
    }

    public Task<PresenceSeatChange?> DisconnectAsync(PresenceRoom room, string connectionId, DateTimeOffset holdUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
        {
            if (holdUntil <= now)
                return Task.FromResult(presence.Drop(room, connectionId));
            if (presence.Room(room.RoomId).Connections.TryGetValue(connectionId, out var connection))
                connection.HoldUntil = holdUntil;
            return Task.FromResult<PresenceSeatChange?>(null);
        }
    }

    public Task<PresenceSeatChange?> RemoveAttendeeAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
            return Task.FromResult(presence.Evict(room, attendeeId));
    }

    public Task<PresenceSnapshot> GetAsync(PresenceRoom room, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
        {
            var state = presence.Room(room.RoomId);
            return Task.FromResult(new PresenceSnapshot(state.Version, state.Members()));
        }
    }

    public Task<PresenceCount> CountAsync(PresenceRoom room, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
        {
            var state = presence.Room(room.RoomId);
            return Task.FromResult(new PresenceCount(state.Version, state.Seats.Count));
        }
    }

    public Task<bool> IsMemberAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken)
    {
        var presence = For(room.EventId);
        lock (presence)
            return Task.FromResult(presence.Room(room.RoomId).Seats.ContainsKey(attendeeId));
    }

    public Task<string?> GetRoomInScopeAsync(string eventId, string scope, string attendeeId, CancellationToken cancellationToken)
    {
        var presence = For(eventId);
        lock (presence)
            return Task.FromResult(presence.Scopes.GetValueOrDefault((scope, attendeeId)));
    }

    public Task<IReadOnlyList<PresenceSeatChange>> ReapAsync(PresenceReap reap, CancellationToken cancellationToken)
    {
        EventPresence[] events;
        lock (_eventsLock)
            events = [.. _events.Values];

        var changes = new List<PresenceSeatChange>();
        foreach (var presence in events)
        {
            lock (presence)
                changes.AddRange(presence.Reap(reap));
        }

        return Task.FromResult<IReadOnlyList<PresenceSeatChange>>(changes);
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_eventsLock)
            _events.Remove(eventId);
        return Task.CompletedTask;
    }

    private static PresenceJoinResult Result(PresenceJoinStatus status, RoomState room, PresenceJoin join, PresenceSeatChange? left) =>
        new(status, room.Version, room.Seats.Count, join.Capacity, join.IncludeMembers ? room.Members() : null, left);

    private EventPresence For(string eventId)
    {
        lock (_eventsLock)
        {
            if (!_events.TryGetValue(eventId, out var presence))
                _events[eventId] = presence = new EventPresence(eventId);
            return presence;
        }
    }

    private sealed class EventPresence(string eventId)
    {
        private readonly Dictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);

        public Dictionary<(string Scope, string AttendeeId), string> Scopes { get; } = [];

        public Dictionary<string, DateTimeOffset> NodesLastSeen { get; } = new(StringComparer.Ordinal);

        public RoomState Room(string roomId)
        {
            if (!_rooms.TryGetValue(roomId, out var room))
                _rooms[roomId] = room = new RoomState();
            return room;
        }

        public PresenceSeatChange? Drop(PresenceRoom room, string connectionId)
        {
            var state = Room(room.RoomId);
            if (!state.Connections.Remove(connectionId, out var connection))
                return null;

            var seat = state.Seats[connection.AttendeeId];
            seat.Connections.Remove(connectionId);
            return seat.Connections.Count == 0 ? FreeSeat(room, state, connection.AttendeeId) : null;
        }

        public PresenceSeatChange? Evict(PresenceRoom room, string attendeeId)
        {
            var state = Room(room.RoomId);
            if (!state.Seats.TryGetValue(attendeeId, out var seat))
                return null;
            foreach (var connectionId in seat.Connections)
                state.Connections.Remove(connectionId);
            return FreeSeat(room, state, attendeeId);
        }

        public List<PresenceSeatChange> Reap(PresenceReap reap)
        {
            var changes = new List<PresenceSeatChange>();
            foreach (var (roomId, state) in _rooms)
            {
                var gone = state.Connections
                    .Where(c => c.Value.HoldUntil <= reap.Now || IsDead(c.Value.NodeId, reap))
                    .Select(c => c.Key)
                    .ToList();
                foreach (var connectionId in gone)
                {
                    if (Drop(new PresenceRoom(eventId, roomId), connectionId) is { } change)
                        changes.Add(change);
                }
            }

            return changes;
        }

        private bool IsDead(string nodeId, PresenceReap reap) =>
            reap.LiveNodes is { } live && !live.Contains(nodeId)
            && reap.Now - NodesLastSeen.GetValueOrDefault(nodeId) > reap.NodeGrace;

        private PresenceSeatChange FreeSeat(PresenceRoom room, RoomState state, string attendeeId)
        {
            state.Seats.Remove(attendeeId);
            state.Version++;
            if (state.Scope is { } scope && Scopes.TryGetValue((scope, attendeeId), out var current) && current == room.RoomId)
                Scopes.Remove((scope, attendeeId));
            return new PresenceSeatChange(room, attendeeId, state.Version, state.Seats.Count);
        }
    }

    private sealed class RoomState
    {
        public long Version { get; set; }

        public long NextOrder { get; set; }

        public string? Scope { get; set; }

        public Dictionary<string, Seat> Seats { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Connection> Connections { get; } = new(StringComparer.Ordinal);

        public void Attach(PresenceJoin join, Seat seat)
        {
            Connections[join.ConnectionId] = new Connection(join.AttendeeId, join.NodeId);
            seat.Connections.Add(join.ConnectionId);
        }

        public List<PresenceMember> Members() => [.. Seats.Values.OrderBy(s => s.Order).Select(s => s.Member)];
    }

    private sealed class Seat(PresenceMember member, long order)
    {
        public PresenceMember Member { get; } = member;

        public long Order { get; } = order;

        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Connection(string attendeeId, string nodeId)
    {
        public string AttendeeId { get; } = attendeeId;

        public string NodeId { get; } = nodeId;

        /// <summary>Set when the connection dropped: it holds the seat until then.</summary>
        public DateTimeOffset HoldUntil { get; set; } = DateTimeOffset.MaxValue;
    }
}

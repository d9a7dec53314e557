using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Rooms.Presence;

/// <summary>
/// Who is in which room, shared by every node: breakout rooms, stages, bar tables. A seat belongs to an
/// attendee, not to a connection: several connections of one attendee (tabs, nodes) share one seat, and the
/// seat is freed when the last of them is gone. Every change of a room's member list is one atomic step that
/// bumps the room's <see cref="PresenceSnapshot.Version"/>, so capacity holds across any number of nodes.
/// </summary>
/// <remarks>
/// Features build room ids (<c>breakout:{sessionId}</c>, <c>stage:{sessionId}</c>, <c>bar:{barId}:table:{tableId}</c>)
/// and learn about seats freed in the background (grace expired, node died) through <see cref="IPresenceChangeSink"/>.
/// </remarks>
internal interface IPresenceStore
{
    /// <summary>
    /// Takes a seat for the attendee (or attaches the connection to the seat they already hold). With a
    /// capacity, a full room refuses newcomers; with an exclusive scope, the attendee's seat in another room
    /// of that scope is given up in the same step and reported in <see cref="PresenceJoinResult.Left"/>.
    /// A refused join changes nothing.
    /// </summary>
    Task<PresenceJoinResult> JoinAsync(PresenceRoom room, PresenceJoin join, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the connection at once. Returns the freed seat when it was the attendee's last connection in
    /// the room; <c>null</c> when the seat stays (other connections) or the connection was not in the room.
    /// </summary>
    Task<PresenceSeatChange?> LeaveAsync(PresenceRoom room, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// The connection dropped: it keeps holding the attendee's seat until <paramref name="holdUntil"/>, so a
    /// reconnect (a new connection joining the same room) keeps the seat. When the hold passes,
    /// <see cref="ReapAsync"/> frees it. A hold not in the future removes the connection at once, like
    /// <see cref="LeaveAsync"/>.
    /// </summary>
    Task<PresenceSeatChange?> DisconnectAsync(PresenceRoom room, string connectionId, DateTimeOffset holdUntil, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Frees the attendee's seat with all their connections (moderator removes or moves someone).</summary>
    Task<PresenceSeatChange?> RemoveAttendeeAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken);

    /// <summary>The room's members in joining order, with the version they belong to.</summary>
    Task<PresenceSnapshot> GetAsync(PresenceRoom room, CancellationToken cancellationToken);

    /// <summary>Version and number of seats taken, without the member list (large rooms such as stages).</summary>
    Task<PresenceCount> CountAsync(PresenceRoom room, CancellationToken cancellationToken);

    /// <summary>Whether the attendee holds a seat in the room (a held seat during grace counts).</summary>
    Task<bool> IsMemberAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken);

    /// <summary>The room the attendee sits in within an exclusive scope, or <c>null</c>.</summary>
    Task<string?> GetRoomInScopeAsync(string eventId, string scope, string attendeeId, CancellationToken cancellationToken);

    /// <summary>
    /// Frees what nobody holds any more: connections whose grace passed, and connections owned by nodes that
    /// are not in <see cref="PresenceReap.LiveNodes"/>. Idempotent and safe to run on every node at once: each
    /// freed seat is reported by exactly one caller.
    /// </summary>
    Task<IReadOnlyList<PresenceSeatChange>> ReapAsync(PresenceReap reap, CancellationToken cancellationToken);
}

/// <summary>A room of an event; <paramref name="RoomId"/> is built by the feature (e.g. <c>breakout:{sessionId}</c>).</summary>
internal sealed record PresenceRoom(string EventId, string RoomId);

/// <summary>Who joins, over which connection, and the room's rules.</summary>
/// <param name="NodeId">The node holding the connection (<see cref="ClusterNode.Id"/>): its death frees the seat.</param>
/// <param name="Capacity">Seats in the room; <c>null</c> = unlimited.</param>
/// <param name="ExclusiveScope">
/// When set (e.g. <c>bars</c>), the attendee holds at most one room of this scope per event: joining one leaves the other.
/// </param>
/// <param name="IncludeMembers">Whether the result lists the members; large rooms ask for the count only.</param>
internal sealed record PresenceJoin(
    string AttendeeId,
    string DisplayName,
    string Role,
    string ConnectionId,
    string NodeId,
    DateTimeOffset Now,
    int? Capacity = null,
    string? ExclusiveScope = null,
    bool IncludeMembers = true);

/// <summary>An attendee holding a seat.</summary>
internal sealed record PresenceMember(string AttendeeId, string DisplayName, string Role, DateTimeOffset JoinedAt);

internal enum PresenceJoinStatus
{
    /// <summary>A new seat was taken: tell the room.</summary>
    Joined,

    /// <summary>The attendee already held a seat (another tab, a reconnect within grace); nothing to announce.</summary>
    AlreadyMember,

    /// <summary>No seat left; nothing changed.</summary>
    Full,
}

/// <param name="Count">Seats taken after the join (when <see cref="PresenceJoinStatus.Full"/>: the seats taken that refused it).</param>
/// <param name="Members">The members when asked for and not full; otherwise <c>null</c>.</param>
/// <param name="Left">The seat given up in the exclusive scope, if any.</param>
internal sealed record PresenceJoinResult(
    PresenceJoinStatus Status,
    long Version,
    int Count,
    int? Capacity,
    IReadOnlyList<PresenceMember>? Members,
    PresenceSeatChange? Left);

/// <summary>A seat freed in a room, with the room's version and count after the change.</summary>
internal sealed record PresenceSeatChange(PresenceRoom Room, string AttendeeId, long Version, int Count);

internal sealed record PresenceSnapshot(long Version, IReadOnlyList<PresenceMember> Members);

internal sealed record PresenceCount(long Version, int Count);

/// <param name="LiveNodes">Nodes that heartbeat; <c>null</c> = do not reap by node (a single node without a registry).</param>
/// <param name="NodeGrace">
/// A node not yet seen live is spared this long after it last joined someone, so a node that joins before its
/// first heartbeat lands is not taken for dead.
/// </param>
internal sealed record PresenceReap(DateTimeOffset Now, IReadOnlyCollection<string>? LiveNodes, TimeSpan NodeGrace);

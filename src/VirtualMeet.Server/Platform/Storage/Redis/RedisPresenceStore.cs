using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Presence in Redis: every change is one Lua script (<see cref="RedisPresenceScripts"/>) over keys under the
/// event's hash tag. The reaper finds events through <see cref="RedisKeys.PresenceEvents"/>.
/// </summary>
internal sealed class RedisPresenceStore(RedisStoreDatabase redis) : IPresenceStore
{
    public async Task<PresenceJoinResult> JoinAsync(PresenceRoom room, PresenceJoin join, CancellationToken cancellationToken)
    {
        var payload = RedisJson.Serialize(new StoredMember(join.DisplayName, join.Role, join.Now.ToUnixTimeMilliseconds()));
        // Once: a join takes a seat and bumps the room's version.
        var result = (RedisResult[])(await redis.Once(async db =>
        {
            // Same connection, sent first: the event is listed before any of its connections can need reaping.
            _ = db.SetAddAsync(RedisKeys.PresenceEvents, room.EventId, CommandFlags.FireAndForget);
            var joined = await Run(db, room.EventId, RedisPresenceScripts.Join,
                room.RoomId, join.AttendeeId, join.ConnectionId, join.NodeId, payload, join.Capacity ?? -1,
                join.ExclusiveScope ?? "", Millis(join.Now), join.IncludeMembers ? 1 : 0);
            // And again once the seat is taken (awaited: on a cluster the list and the event live on different
            // nodes, so only the answer orders the two): a prune that removed the first listing while this join was
            // on its way, and found the event idle, is followed by this one, so a seat never stays unlisted.
            _ = db.SetAddAsync(RedisKeys.PresenceEvents, room.EventId, CommandFlags.FireAndForget);
            return joined;
        }))!;

        var status = (long)result[0] switch
        {
            1 => PresenceJoinStatus.Joined,
            2 => PresenceJoinStatus.AlreadyMember,
            _ => PresenceJoinStatus.Full,
        };
        var members = join.IncludeMembers && status != PresenceJoinStatus.Full ? Members((RedisResult[])result[4]!) : null;
        return new PresenceJoinResult(status, (long)result[1], (int)result[2], join.Capacity, members,
            Change(room.EventId, (RedisResult[])result[3]!));
    }

    // Once: leaving answers the seat it freed; a second run would free nothing and the change would not be announced.
    public async Task<PresenceSeatChange?> LeaveAsync(PresenceRoom room, string connectionId, CancellationToken cancellationToken) =>
        Change(room.EventId, (RedisResult[])(await redis.Once(db => Run(db, room.EventId, RedisPresenceScripts.Leave, room.RoomId, connectionId)))!);

    public async Task<PresenceSeatChange?> DisconnectAsync(PresenceRoom room, string connectionId, DateTimeOffset holdUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (holdUntil <= now)
            return await LeaveAsync(room, connectionId, cancellationToken);
        // Idempotent: the hold is set to the given time, and its answer is not used.
        await redis.Idempotent(db => Run(db, room.EventId, RedisPresenceScripts.Disconnect, room.RoomId, connectionId, Millis(holdUntil)));
        return null;
    }

    public async Task<PresenceSeatChange?> RemoveAttendeeAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken) =>
        Change(room.EventId, (RedisResult[])(await redis.Once(db => Run(db, room.EventId, RedisPresenceScripts.RemoveAttendee, room.RoomId, attendeeId)))!);

    public async Task<PresenceSnapshot> GetAsync(PresenceRoom room, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Idempotent(db => Run(db, room.EventId, RedisPresenceScripts.Members, room.RoomId)))!;
        return new PresenceSnapshot((long)result[0], Members((RedisResult[])result[1]!));
    }

    public async Task<PresenceCount> CountAsync(PresenceRoom room, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Idempotent(db => Run(db, room.EventId, RedisPresenceScripts.Count, room.RoomId)))!;
        return new PresenceCount((long)result[0], (int)result[1]);
    }

    public async Task<bool> IsMemberAsync(PresenceRoom room, string attendeeId, CancellationToken cancellationToken) =>
        (long)(await redis.Idempotent(db => Run(db, room.EventId, RedisPresenceScripts.IsMember, room.RoomId, attendeeId))) == 1;

    public async Task<string?> GetRoomInScopeAsync(string eventId, string scope, string attendeeId, CancellationToken cancellationToken) =>
        (string?)(await redis.Idempotent(db => Run(db, eventId, RedisPresenceScripts.RoomInScope, scope, attendeeId)));

    public async Task<IReadOnlyList<PresenceSeatChange>> ReapAsync(PresenceReap reap, CancellationToken cancellationToken)
    {
        var args = new List<RedisValue> { Millis(reap.Now), (long)reap.NodeGrace.TotalMilliseconds, reap.LiveNodes is null ? 0 : 1 };
        args.AddRange((reap.LiveNodes ?? []).Select(n => (RedisValue)n));

        var changes = new List<PresenceSeatChange>();
        foreach (var eventId in await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.PresenceEvents)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Once per event, each bounded on its own: a reap frees seats and answers which.
            var reaped = (RedisResult[])(await redis.Once(db => Run(db, (string)eventId!, RedisPresenceScripts.Reap, [.. args])))!;
            changes.AddRange(((RedisResult[])reaped[1]!).Select(f => Change((string)eventId!, (RedisResult[])f!)).OfType<PresenceSeatChange>());
            if ((long)reaped[0] == 1)
                await PruneAsync((string)eventId!);
        }

        return changes;
    }

    /// <summary>
    /// Takes an event nobody is present in off the reaper's list. The list is one global key and the event's presence
    /// lives under its hash tag, so no script may touch both: remove first, then look again and put it back if a
    /// seat appeared meanwhile. A join lists the event before and after taking its seat, so whichever order the two
    /// interleave in, an event with a seat ends up listed.
    /// </summary>
    private async Task PruneAsync(string eventId)
    {
        await redis.Idempotent(db => db.SetRemoveAsync(RedisKeys.PresenceEvents, eventId));
        if ((long)(await redis.Idempotent(db => Run(db, eventId, RedisPresenceScripts.Idle))) == 0)
            await redis.Idempotent(db => db.SetAddAsync(RedisKeys.PresenceEvents, eventId));
    }

    private static Task<RedisResult> Run(IDatabase db, string eventId, string script, params RedisValue[] args) =>
        db.ScriptEvaluateAsync(script, [RedisKeys.PresencePrefix(eventId)], args);

    private static PresenceSeatChange? Change(string eventId, RedisResult[] seat) =>
        seat.Length == 0
            ? null
            : new PresenceSeatChange(new PresenceRoom(eventId, (string)seat[0]!), (string)seat[1]!, (long)seat[2], (int)seat[3]);

    /// <summary>Pairs of attendee and "order TAB JSON", sorted by joining order.</summary>
    private static List<PresenceMember> Members(RedisResult[] flat)
    {
        var members = new List<(long Order, PresenceMember Member)>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var value = (string)flat[i + 1]!;
            var tab = value.IndexOf('\t', StringComparison.Ordinal);
            var stored = RedisJson.Deserialize<StoredMember>(value[(tab + 1)..])!;
            members.Add((long.Parse(value[..tab], CultureInfo.InvariantCulture),
                new PresenceMember((string)flat[i]!, stored.DisplayName, stored.Role, DateTimeOffset.FromUnixTimeMilliseconds(stored.JoinedAt))));
        }

        return [.. members.OrderBy(m => m.Order).Select(m => m.Member)];
    }

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private sealed record StoredMember(string DisplayName, string Role, long JoinedAt);
}

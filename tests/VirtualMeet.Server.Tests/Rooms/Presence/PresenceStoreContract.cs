using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Tests.Rooms.Presence;

/// <summary>What every <see cref="IPresenceStore"/> must do; run against each implementation.</summary>
public abstract class PresenceStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan NodeGrace = TimeSpan.FromSeconds(10);

    private readonly string _eventId = "ev-" + Guid.NewGuid().ToString("N")[..8];

    internal abstract IPresenceStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CapacityIsNeverExceededUnderConcurrency()
    {
        var room = Room("breakout:s1");

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => Store.JoinAsync(room, Join($"a{i}", $"c{i}", capacity: 10), Ct), Ct)));

        Assert.Equal(10, results.Count(r => r.Status == PresenceJoinStatus.Joined));
        Assert.All(results.Where(r => r.Status == PresenceJoinStatus.Full), r => Assert.Equal((10, 10), (r.Count, r.Capacity!.Value)));
        Assert.Equal(10, (await Store.CountAsync(room, Ct)).Count);
        Assert.Equal(10, (await Store.GetAsync(room, Ct)).Members.Count);
    }

    [Fact]
    public async Task AJoinListsMembersInJoiningOrder()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "c1"), Ct);
        var second = await Store.JoinAsync(room, Join("ben", "c2") with { DisplayName = "Ben B.", Role = "moderator" }, Ct);

        Assert.Equal(PresenceJoinStatus.Joined, second.Status);
        Assert.Equal(["anna", "ben"], second.Members!.Select(m => m.AttendeeId));
        Assert.Equal(new PresenceMember("ben", "Ben B.", "moderator", Now), second.Members![1]);
        Assert.Equal(second.Members, (await Store.GetAsync(room, Ct)).Members);
    }

    [Fact]
    public async Task AFullRoomRefusesAndChangesNothing()
    {
        var room = Room("bar:b1:table:t1");
        await Store.JoinAsync(room, Join("anna", "c1", capacity: 1), Ct);
        var before = await Store.GetAsync(room, Ct);

        var refused = await Store.JoinAsync(room, Join("ben", "c2", capacity: 1), Ct);

        Assert.Equal(PresenceJoinStatus.Full, refused.Status);
        var after = await Store.GetAsync(room, Ct);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(["anna"], after.Members.Select(m => m.AttendeeId));
        Assert.False(await Store.IsMemberAsync(room, "ben", Ct));
    }

    [Fact]
    public async Task ExclusiveScopeMovesTheSeatAtomically()
    {
        var first = Room("bar:b1:table:t1");
        var second = Room("bar:b1:table:t2");
        await Store.JoinAsync(first, Join("anna", "c1", scope: "bars"), Ct);

        var moved = await Store.JoinAsync(second, Join("anna", "c1", scope: "bars"), Ct);

        Assert.Equal(PresenceJoinStatus.Joined, moved.Status);
        Assert.Equal(new PresenceSeatChange(first, "anna", 2, 0), moved.Left);
        Assert.False(await Store.IsMemberAsync(first, "anna", Ct));
        Assert.True(await Store.IsMemberAsync(second, "anna", Ct));
        Assert.Equal(second.RoomId, await Store.GetRoomInScopeAsync(_eventId, "bars", "anna", Ct));
    }

    [Fact]
    public async Task AFullRoomInTheScopeKeepsThePreviousSeat()
    {
        var first = Room("bar:b1:table:t1");
        var full = Room("bar:b1:table:t2");
        await Store.JoinAsync(first, Join("anna", "c1", scope: "bars"), Ct);
        await Store.JoinAsync(full, Join("ben", "c2", capacity: 1, scope: "bars"), Ct);

        var refused = await Store.JoinAsync(full, Join("anna", "c1", capacity: 1, scope: "bars"), Ct);

        Assert.Equal(PresenceJoinStatus.Full, refused.Status);
        Assert.Null(refused.Left);
        Assert.True(await Store.IsMemberAsync(first, "anna", Ct));
        Assert.Equal(first.RoomId, await Store.GetRoomInScopeAsync(_eventId, "bars", "anna", Ct));
    }

    [Fact]
    public async Task ConnectionsOfOneAttendeeShareOneSeat()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "tab1", node: "node-a"), Ct);

        var second = await Store.JoinAsync(room, Join("anna", "tab2", node: "node-b", capacity: 1), Ct);

        Assert.Equal(PresenceJoinStatus.AlreadyMember, second.Status);
        Assert.Equal(1, second.Count);
        Assert.Null(await Store.LeaveAsync(room, "tab1", Ct));
        Assert.True(await Store.IsMemberAsync(room, "anna", Ct));
        Assert.Equal(new PresenceSeatChange(room, "anna", 2, 0), await Store.LeaveAsync(room, "tab2", Ct));
        Assert.Null(await Store.LeaveAsync(room, "tab2", Ct));
    }

    [Fact]
    public async Task AReconnectWithinGraceKeepsTheSeat()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "c1"), Ct);
        Assert.Null(await Store.DisconnectAsync(room, "c1", Now.AddSeconds(30), Now, Ct));

        Assert.Empty(Mine(await Store.ReapAsync(Reap(Now.AddSeconds(10)), Ct)));
        var rejoined = await Store.JoinAsync(room, Join("anna", "c2", capacity: 1) with { Now = Now.AddSeconds(10) }, Ct);

        Assert.Equal(PresenceJoinStatus.AlreadyMember, rejoined.Status);
        Assert.Empty(Mine(await Store.ReapAsync(Reap(Now.AddSeconds(31)), Ct)));
        Assert.True(await Store.IsMemberAsync(room, "anna", Ct));
    }

    [Fact]
    public async Task GraceExpiryFreesTheSeatOnce()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "c1"), Ct);
        await Store.DisconnectAsync(room, "c1", Now.AddSeconds(30), Now, Ct);

        var freed = Mine(await Store.ReapAsync(Reap(Now.AddSeconds(30)), Ct));

        Assert.Equal([new PresenceSeatChange(room, "anna", 2, 0)], freed);
        Assert.False(await Store.IsMemberAsync(room, "anna", Ct));
        Assert.Empty(Mine(await Store.ReapAsync(Reap(Now.AddSeconds(31)), Ct)));
    }

    [Fact]
    public async Task ADisconnectWithoutGraceFreesAtOnce()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "c1"), Ct);

        Assert.Equal(new PresenceSeatChange(room, "anna", 2, 0), await Store.DisconnectAsync(room, "c1", Now, Now, Ct));
    }

    [Fact]
    public async Task ReapingADeadNodeFreesItsSeatsAndReportsThem()
    {
        var room = Room("breakout:s1");
        var other = Room("stage:k1");
        await Store.JoinAsync(room, Join("anna", "a1", node: "node-dead"), Ct);
        await Store.JoinAsync(other, Join("anna", "a2", node: "node-dead"), Ct);
        await Store.JoinAsync(room, Join("ben", "b1", node: "node-dead"), Ct);
        await Store.JoinAsync(room, Join("ben", "b2", node: "node-live"), Ct);
        await Store.JoinAsync(room, Join("carl", "c1", node: "node-live"), Ct);

        var freed = Mine(await Store.ReapAsync(Reap(Now + NodeGrace + TimeSpan.FromSeconds(1), "node-live"), Ct));

        Assert.Equal(
            [new PresenceSeatChange(room, "anna", 4, 2), new PresenceSeatChange(other, "anna", 2, 0)],
            freed.OrderBy(c => c.Room.RoomId, StringComparer.Ordinal));
        Assert.Equal(["ben", "carl"], (await Store.GetAsync(room, Ct)).Members.Select(m => m.AttendeeId));
        Assert.Empty(Mine(await Store.ReapAsync(Reap(Now + NodeGrace * 3, "node-live"), Ct)));
    }

    [Fact]
    public async Task ANodeThatJoinedSomeoneRecentlyIsNotTakenForDead()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "a1", node: "node-starting"), Ct);

        Assert.Empty(Mine(await Store.ReapAsync(Reap(Now + NodeGrace / 2, "node-other"), Ct)));
        Assert.Empty(Mine(await Store.ReapAsync(new PresenceReap(Now + NodeGrace * 3, null, NodeGrace), Ct)));
        Assert.True(await Store.IsMemberAsync(room, "anna", Ct));
    }

    [Fact]
    public async Task RemovingAnAttendeeFreesAllTheirConnections()
    {
        var room = Room("breakout:s1");
        await Store.JoinAsync(room, Join("anna", "tab1"), Ct);
        await Store.JoinAsync(room, Join("anna", "tab2"), Ct);

        Assert.Equal(new PresenceSeatChange(room, "anna", 2, 0), await Store.RemoveAttendeeAsync(room, "anna", Ct));
        Assert.Null(await Store.LeaveAsync(room, "tab2", Ct));
        Assert.Null(await Store.RemoveAttendeeAsync(room, "anna", Ct));
    }

    [Fact]
    public async Task VersionsGrowOnEveryChangeOfTheMembers()
    {
        var room = Room("breakout:s1");
        var versions = new List<long>
        {
            (await Store.JoinAsync(room, Join("anna", "c1"), Ct)).Version,
            (await Store.JoinAsync(room, Join("ben", "c2"), Ct)).Version,
            (await Store.LeaveAsync(room, "c1", Ct))!.Version,
            (await Store.JoinAsync(room, Join("anna", "c3"), Ct)).Version,
            (await Store.RemoveAttendeeAsync(room, "ben", Ct))!.Version,
        };

        Assert.Equal([1, 2, 3, 4, 5], versions);
        Assert.Equal(5, (await Store.GetAsync(room, Ct)).Version);
        Assert.Equal(new PresenceCount(5, 1), await Store.CountAsync(room, Ct));
    }

    private PresenceRoom Room(string roomId) => new(_eventId, roomId);

    private static PresenceJoin Join(string attendeeId, string connectionId, string node = "node-a", int? capacity = null, string? scope = null) =>
        new(attendeeId, attendeeId.ToUpperInvariant(), "attendee", connectionId, node, Now, capacity, scope);

    /// <summary>A reap at <paramref name="now"/>; without live nodes named, the default node is the live one.</summary>
    private static PresenceReap Reap(DateTimeOffset now, params string[] liveNodes) =>
        new(now, liveNodes.Length == 0 ? ["node-a"] : liveNodes, NodeGrace);

    /// <summary>Reaps cover every event of the store; a test looks at its own.</summary>
    private List<PresenceSeatChange> Mine(IReadOnlyList<PresenceSeatChange> changes) =>
        [.. changes.Where(c => c.Room.EventId == _eventId)];
}

using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Rooms.Presence;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Rooms.Presence;

/// <summary>The contract against a private redis-server, plus what only Redis can show: the keys themselves.</summary>
public class RedisPresenceStoreTests(RedisStoreFixture redis)
    : PresenceStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisPresenceStore _store = new(redis.Database);

    internal override IPresenceStore Store => _store;

    [Fact]
    public async Task EveryPresenceKeyOfAnEventCarriesItsHashTag()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = "ev-" + Guid.NewGuid().ToString("N")[..8];
        var room = new PresenceRoom(eventId, "bar:b1:table:t1");
        var now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        await _store.JoinAsync(room, new PresenceJoin("anna", "Anna", "attendee", "c1", "node-a", now, 4, "bars"), ct);
        await _store.JoinAsync(room, new PresenceJoin("ben", "Ben", "attendee", "c2", "node-a", now), ct);
        await _store.DisconnectAsync(room, "c2", now.AddSeconds(30), now, ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();

        Assert.True(keys.Count >= 5, string.Join(", ", keys));
        Assert.All(keys, key => Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventNobodyIsPresentInLeavesTheReapersListAndAJoinListsItAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = "ev-" + Guid.NewGuid().ToString("N")[..8];
        var room = new PresenceRoom(eventId, "stage:keynote");
        var now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        var reap = new PresenceReap(now, ["node-a"], TimeSpan.FromSeconds(10));
        await _store.JoinAsync(room, new PresenceJoin("anna", "Anna", "attendee", "c1", "node-a", now), ct);
        await _store.ReapAsync(reap, ct);
        Assert.True(await ListedAsync(eventId), "an event with a seat stays listed");

        await _store.LeaveAsync(room, "c1", ct);
        await _store.ReapAsync(reap, ct);
        Assert.False(await ListedAsync(eventId), "an event nobody is present in is taken off the list");
        Assert.Equal("0", (await redis.Server.ExecuteAsync("EXISTS", RedisKeys.PresencePrefix(eventId).ToString() + "nodes")).Text);

        await _store.JoinAsync(room, new PresenceJoin("ben", "Ben", "attendee", "c2", "node-a", now), ct);
        Assert.True(await ListedAsync(eventId), "a join lists the event again");
    }

    [Fact]
    public async Task AnEventWhoseOnlySeatIsHeldForAReconnectStaysListedAndAPurgeUnlistsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = "ev-" + Guid.NewGuid().ToString("N")[..8];
        var room = new PresenceRoom(eventId, "bar:b1:table:t1");
        var now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        await _store.JoinAsync(room, new PresenceJoin("anna", "Anna", "attendee", "c1", "node-a", now), ct);
        await _store.DisconnectAsync(room, "c1", now.AddSeconds(30), now, ct);

        await _store.ReapAsync(new PresenceReap(now.AddSeconds(10), ["node-a"], TimeSpan.FromSeconds(10)), ct);
        Assert.True(await ListedAsync(eventId), "a seat held for a reconnect is presence");

        await new RedisEventPurge(redis.Database).PurgeEventAsync(eventId, ct);
        Assert.False(await ListedAsync(eventId), "a purged event is taken off the list");
    }

    private async Task<bool> ListedAsync(string eventId) =>
        (await redis.Server.ExecuteAsync("SISMEMBER", RedisKeys.PresenceEvents.ToString(), eventId)).Text == "1";
}

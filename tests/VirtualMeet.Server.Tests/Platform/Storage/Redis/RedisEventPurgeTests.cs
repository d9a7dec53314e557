using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.Storage.Redis;

/// <summary>The purge deletes by pattern, so it must never build one from an id that globs other events' keys.</summary>
public sealed class RedisEventPurgeTests(RedisStoreFixture fixture) : IClassFixture<RedisStoreFixture>
{
    public static TheoryData<string> GlobbingIds => ["*", "a*", "?", "[a-z]*", "{x}", "a:b", "A", "", "_anonymous", "_*"];

    [Theory]
    [MemberData(nameof(GlobbingIds))]
    public void NoPatternIsBuiltFromAnInvalidEventId(string eventId) =>
        Assert.Throws<ArgumentException>(() => RedisKeys.EventPattern(eventId));

    [Theory]
    [InlineData("*")]
    [InlineData("a*")]
    [InlineData("{x}")]
    [InlineData("a:b")]
    [InlineData("_*")]
    public void NoKeyIsBuiltFromAnEventIdWithKeyOrGlobSyntax(string eventId) =>
        Assert.Throws<ArgumentException>(() => RedisKeys.Event(eventId));

    [Theory]
    [MemberData(nameof(GlobbingIds))]
    public async Task APurgeOfAnInvalidIdIsRefusedAndDeletesNothing(string eventId)
    {
        var kept = "kept-" + Guid.NewGuid().ToString("N")[..8];
        var db = fixture.Connection.GetDatabase();
        await db.StringSetAsync(RedisKeys.Event(kept), "{}");
        await db.HashSetAsync(RedisKeys.Attendees(kept), "ada", "{}");

        await Assert.ThrowsAsync<ArgumentException>(
            () => new RedisEventPurge(fixture.Database).PurgeEventAsync(eventId, TestContext.Current.CancellationToken));

        Assert.True(await db.KeyExistsAsync(RedisKeys.Event(kept)));
        Assert.True(await db.KeyExistsAsync(RedisKeys.Attendees(kept)));
    }

    [Fact]
    public async Task APurgeDeletesOnlyItsOwnEvent()
    {
        var purged = "purged-" + Guid.NewGuid().ToString("N")[..8];
        var kept = purged + "-kept";
        var db = fixture.Connection.GetDatabase();
        await db.StringSetAsync(RedisKeys.Event(purged), "{}");
        await db.StringSetAsync(RedisKeys.Event(kept), "{}");

        await new RedisEventPurge(fixture.Database).PurgeEventAsync(purged, TestContext.Current.CancellationToken);

        Assert.False(await db.KeyExistsAsync(RedisKeys.Event(purged)));
        Assert.True(await db.KeyExistsAsync(RedisKeys.Event(kept)));
    }
}

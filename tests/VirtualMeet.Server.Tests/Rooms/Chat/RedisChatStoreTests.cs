using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Rooms.Chat;

/// <summary>The contract against a private redis-server, plus the keys themselves.</summary>
public class RedisChatStoreTests(RedisStoreFixture redis) : ChatStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisChatStore _store = new(redis.Database);

    internal override IChatStore Store => _store;

    [Fact]
    public async Task EveryKeyOfAChatRoomCarriesTheEventHashTag()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = "chat-" + Guid.NewGuid().ToString("N")[..10];
        var now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        await _store.AppendAsync(eventId, "stage:s1", new ChatDraft("a", "A", "attendee", "hi", now), 10, ct);
        await _store.MuteAsync(eventId, "stage:s1", "b", now.AddMinutes(1), ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();

        Assert.Equal(4, keys.Count);
        Assert.All(keys, key => Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal));
    }
}

using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>The contract against a private redis-server, plus the keys themselves.</summary>
public class RedisMatchmakingStoreTests(RedisStoreFixture redis) : MatchmakingStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisMatchmakingStore _store = new(redis.Database);

    internal override IMatchmakingStore Store => _store;

    [Fact]
    public async Task EveryMatchmakingKeyCarriesTheEventHashTag()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = MatchmakingTestData.NewEventId();
        await _store.SaveProfileAsync(MatchmakingTestData.Profile(eventId, "a"), ct);
        await _store.RequestAsync(MatchmakingTestData.Meeting(eventId, "a", "b"), 5, ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();

        Assert.True(keys.Count >= 6, string.Join(", ", keys));
        Assert.All(keys, key => Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal));
    }
}

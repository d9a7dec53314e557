using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.RateLimiting;

/// <summary>The contract against a private redis-server; two limiter instances stand for two nodes.</summary>
public class RedisRateLimiterTests : RateLimiterContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisStoreFixture _redis;

    public RedisRateLimiterTests(RedisStoreFixture redis)
    {
        _redis = redis;
        First = new RedisRateLimiter(redis.Database, Time);
        Second = new RedisRateLimiter(redis.Database, Time);
    }

    internal override IAttendeeRateLimiter First { get; }

    internal override IAttendeeRateLimiter Second { get; }

    [Fact]
    public async Task TheWindowKeyCarriesTheEventHashTagAndExpires()
    {
        var eventId = "rl-" + Guid.NewGuid().ToString("N")[..10];
        await First.TryAcquireAsync(eventId, "a", new RateLimitRule("chat", 5, TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);

        var keys = (await _redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();
        var key = Assert.Single(keys);
        Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal);
        var ttl = long.Parse((await _redis.Server.ExecuteAsync("PTTL", key)).Text!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 1, 10_000);
    }
}

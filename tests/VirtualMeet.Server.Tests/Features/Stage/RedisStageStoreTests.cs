using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>The contract against a private redis-server, plus the keys themselves.</summary>
public class RedisStageStoreTests(RedisStoreFixture redis) : StageStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisQuestionStore _questions = new(redis.Database, TestPseudonyms.Instance);

    internal override IStageStore Stages { get; } = new RedisStageStore(redis.Database);

    internal override IReactionStore Reactions { get; } = new RedisReactionStore(redis.Database);

    internal override IQuestionStore Questions => _questions;

    // Claims are Redis keys with a PX expiry: drop them rather than wait for the clock.
    protected override async Task LetClaimsExpireAsync()
    {
        var claims = (await redis.Server.ExecuteAsync("KEYS", "*:push*")).Items!.Select(k => k.Text!).ToList();
        foreach (var key in claims.Where(k => !k.Contains(":pushed", StringComparison.Ordinal)))
            await redis.Server.ExecuteAsync("DEL", key);
    }

    [Fact]
    public async Task EveryKeyOfAStageCarriesTheEventHashTag()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = "kn-" + Guid.NewGuid().ToString("N")[..10];
        var question = await Questions.AskAsync(eventId, "s", new QuestionDraft("a", "A", false, "Q?", DateTimeOffset.UnixEpoch, QuestionStatus.Approved), 10, ct);
        await Questions.UpvoteAsync(eventId, "s", question!.Id, "v", ct);
        await Reactions.AddAsync(eventId, "s", "heart", ct);
        await Reactions.TakeWindowAsync(eventId, "s", TimeSpan.FromMinutes(1), ct);
        await Stages.TrySetAsync(eventId, "s", 0, new StageRecord(1, StageStatus.Live, [], null, null, null, null, false), ct);
        await Stages.TryClaimPushAsync(eventId, "s", "viewers", 1, TimeSpan.FromMinutes(1), ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();

        Assert.True(keys.Count >= 12, string.Join(", ", keys));
        Assert.All(keys, key => Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal));
    }
}

using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>The contract against a private redis-server, plus what only Redis can show: the keys themselves.</summary>
public class RedisPollStoreTests(RedisStoreFixture redis) : PollStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisPollStore _store = new(redis.Database, TestPseudonyms.Instance);

    internal override IPollStore Store => _store;

    internal override IAttendeeScopedData Erasure => _store;

    internal override IEventScopedData Purge => new RedisEventPurge(redis.Database);

    [Fact]
    public async Task EveryKeyOfAPollCarriesTheEventHashTag()
    {
        var ct = TestContext.Current.CancellationToken;
        var poll = PollTestData.Single();
        await _store.CreateAsync(poll, ct);
        await _store.OpenAsync(poll.EventId, poll.Id, Now, null, ct);
        await _store.VoteAsync(poll.EventId, poll.Id, new VoteCast("a", ["0"], BallotRetention.Once, Now), ct);
        await _store.TryClaimPushAsync(poll.EventId, poll.Id, TimeSpan.FromMinutes(1), ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{poll.EventId}*")).Items!.Select(k => k.Text!).ToList();

        Assert.True(keys.Count >= 5, string.Join(", ", keys));
        Assert.All(keys, key => Assert.Contains("{" + poll.EventId + "}", key, StringComparison.Ordinal));
    }
}

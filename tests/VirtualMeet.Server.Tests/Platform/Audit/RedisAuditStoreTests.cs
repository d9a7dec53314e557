using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.Audit;

/// <summary>The contract against a private redis-server, plus the keys themselves.</summary>
public sealed class RedisAuditStoreTests(RedisStoreFixture redis) : AuditStoreContract, IClassFixture<RedisStoreFixture>
{
    internal override IAuditStore Store { get; } = new RedisAuditStore(redis.Database);

    internal override IEventScopedData Purge { get; } = new RedisEventPurge(redis.Database);

    [Fact]
    public async Task TheLogsKeysCarryTheEventHashTag()
    {
        var eventId = "audit-" + Guid.NewGuid().ToString("N")[..10];
        await Store.AppendAsync(eventId, new AuditDraft(DateTimeOffset.UnixEpoch, "admin", null, AuditActions.PollOpen, "p", null), 10, TestContext.Current.CancellationToken);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).Order().ToList();

        Assert.Equal([$"vm:{{{eventId}}}:audit", $"vm:{{{eventId}}}:audit:seq"], keys);
    }
}

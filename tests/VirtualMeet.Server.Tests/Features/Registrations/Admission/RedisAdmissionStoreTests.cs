using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations.Admission;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>The contract against a private redis-server, plus what only Redis can show: the keys themselves.</summary>
public sealed class RedisAdmissionStoreTests(RedisStoreFixture redis) : AdmissionStoreContract, IClassFixture<RedisStoreFixture>
{
    private readonly RedisAdmissionStore _store = new(redis.Database);

    internal override IAdmissionStore Store => _store;

    internal override IEventScopedData Purge => new RedisEventPurge(redis.Database);

    [Fact]
    public async Task EveryAdmissionKeyCarriesTheEventHashTagAndNoCodeIsStoredInTheClear()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = TestEvents.NewId("admission");
        var code = AdmissionCodes.NewInvitation();
        await _store.AddInvitationsAsync(eventId, [AdmissionCodes.Hash(AdmissionCodes.Normalise(code)!)], ct);
        await _store.AddTicketsAsync(eventId, [Ticket("T-1")], ct);
        await _store.RedeemAsync(eventId, AdmissionKind.Invitation, AdmissionCodes.Hash(AdmissionCodes.Normalise(code)!), Now, ct);
        await _store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now, ct);

        var keys = (await redis.Server.ExecuteAsync("KEYS", $"*{eventId}*")).Items!.Select(k => k.Text!).ToList();
        var fields = new List<string>();
        foreach (var key in keys)
            fields.AddRange((await redis.Server.ExecuteAsync("HGETALL", key)).Items!.Select(i => i.Text ?? ""));

        Assert.Equal(4, keys.Count);
        Assert.All(keys, key => Assert.Contains("{" + eventId + "}", key, StringComparison.Ordinal));
        Assert.DoesNotContain(fields, f => f.Contains(AdmissionCodes.Normalise(code)!, StringComparison.Ordinal) || f.Contains(code, StringComparison.Ordinal));
    }
}

using StackExchange.Redis;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Features.Events;
using VirtualMeet.Server.Tests.Features.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.Storage.Redis;

public class RedisEventStoreTests(RedisStoreFixture redis) : EventStoreContract, IClassFixture<RedisStoreFixture>
{
    protected override IEventStore Store { get; } = new RedisEventStore(redis.Database);
}

public class RedisAttendeeStoreTests(RedisStoreFixture redis) : AttendeeStoreContract, IClassFixture<RedisStoreFixture>
{
    protected override IAttendeeStore Store { get; } = new RedisAttendeeStore(redis.Database);

    protected override IEventScopedData Purge { get; } = new RedisEventPurge(redis.Database);
}

public class RedisSessionRegistrationStoreTests(RedisStoreFixture redis) : SessionRegistrationStoreContract, IClassFixture<RedisStoreFixture>
{
    protected override ISessionRegistrationStore Store { get; } = new RedisSessionRegistrationStore(redis.Database);

    protected override IEventScopedData Purge { get; } = new RedisEventPurge(redis.Database);
}

/// <summary>How the Redis stores lay out their keys: one hash tag per event, nothing left after a purge.</summary>
public sealed class RedisKeyLayoutTests(RedisStoreFixture redis) : IClassFixture<RedisStoreFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryKeyOfAnEventCarriesItsHashTag()
    {
        string?[] keys =
        [
            RedisKeys.Event("e1"), RedisKeys.Attendees("e1"), RedisKeys.AttendeeSessions("e1", "a"),
            RedisKeys.SessionSeats("e1", "s"), RedisKeys.SessionWaitlist("e1", "s"), RedisKeys.RegistrationSequence("e1"),
        ];

        Assert.All(keys, key => Assert.StartsWith("vm:{e1}:", key, StringComparison.Ordinal));
        Assert.Equal("vm:{clustertreffen-2020}:session:keynote:seats", (string)RedisKeys.SessionSeats("clustertreffen-2020", "keynote")!);
    }

    [Fact]
    public async Task APurgeLeavesNoKeyOfTheEventAndKeepsOtherEvents()
    {
        var purged = TestEvents.Create();
        var kept = TestEvents.Create();
        var database = redis.Database;
        var events = new RedisEventStore(database);
        var seats = new RedisSessionRegistrationStore(database);
        var attendees = new RedisAttendeeStore(database);
        foreach (var definition in new[] { purged, kept })
        {
            await events.TryAddAsync(definition, Ct);
            await attendees.AddAsync(new Attendee("a", definition.Id, "A", null, null, "de", [], default), Ct);
            await seats.RegisterAsync(definition.Id, "workshop", "a", 1, Ct);
            await seats.RegisterAsync(definition.Id, "workshop", "b", 1, Ct);
        }

        // A key some other feature wrote under the event's tag goes too.
        await redis.Connection.GetDatabase().StringSetAsync($"vm:{{{purged.Id}}}:other-feature", "x");

        await new RedisEventPurge(database).PurgeEventAsync(purged.Id, Ct);
        await events.DeleteAsync(purged.Id, Ct);

        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        Assert.Empty(server.Keys(pattern: $"vm:{{{purged.Id}}}*"));
        Assert.NotEmpty(server.Keys(pattern: $"vm:{{{kept.Id}}}*"));
        Assert.False(await redis.Connection.GetDatabase().SetContainsAsync(RedisKeys.Events, purged.Id));
        Assert.NotNull(await events.GetAsync(kept.Id, Ct));
    }
}

public class RedisDeviceStoreTests(RedisStoreFixture redis) : Tests.Platform.Identity.DeviceStoreContract, IClassFixture<RedisStoreFixture>
{
    protected override Server.Platform.Identity.IDeviceStore Store { get; } = new RedisDeviceStore(redis.Database);

    protected override IEventScopedData Purge { get; } = new RedisEventPurge(redis.Database);
}

public class RedisRevocationStoreTests(RedisStoreFixture redis) : Tests.Platform.Identity.RevocationStoreContract, IClassFixture<RedisStoreFixture>
{
    protected override Server.Platform.Identity.IRevocationStore Store { get; } = new RedisRevocationStore(redis.Database, TestPseudonyms.Instance);
}

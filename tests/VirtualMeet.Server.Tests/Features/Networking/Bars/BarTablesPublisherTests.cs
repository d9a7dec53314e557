using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Features.Networking.Bars;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Rooms.Presence;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>Coalescing: many seat changes become one <c>TableChanged</c> per bar and interval, and the last one is never lost.</summary>
public sealed class BarTablesPublisherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryPresenceStore _presence = new();
    private readonly InMemoryMatchmakingStore _meetings = new();
    private readonly InMemoryEventStore _events = new();
    private readonly RecordingHubContext<BarsHub, IBarsClient> _hub = new();
    private readonly BarTablesPublisher _publisher;

    public BarTablesPublisherTests()
    {
        var tables = new BarTables(_events, _presence, _meetings, _time);
        var options = Options.Create(new BarsOptions { MaxPushesPerSecond = 4 });
        _publisher = new BarTablesPublisher(tables, new InMemoryBarPushClaims(_time), _hub, options, _time, NullLogger<BarTablesPublisher>.Instance);
    }

    [Fact]
    public async Task ManyChangesInOneIntervalBecomeOnePushPerBarWithTheLatestState()
    {
        var definition = MatchmakingTestData.Event(_time.GetUtcNow());
        await _events.TryAddAsync(definition, Ct);
        for (var i = 0; i < 3; i++)
        {
            await SitAsync(definition.Id, "t2", $"p{i}");
            _publisher.MarkDirty(definition.Id, "theke", "t2");
        }

        await SitAsync(definition.Id, "t3", "q");
        _publisher.MarkDirty(definition.Id, "theke", "t3");
        _publisher.MarkDirty(definition.Id, "lounge", "l1");

        Assert.Equal(2, await _publisher.PublishDueAsync(Ct));
        var theke = Assert.Single(TableChanges, p => p.Update.BarId == "theke");
        Assert.Equal("group:" + BarRooms.Watchers(definition.Id), theke.Audience);
        Assert.Equal([("t2", 3), ("t3", 1)], theke.Update.Tables.Select(t => (t.TableId, t.Occupants.Count)));

        // Within the interval the bar's claim is taken: the change waits, it is not dropped.
        await SitAsync(definition.Id, "t2", "late");
        _publisher.MarkDirty(definition.Id, "theke", "t2");
        Assert.Equal(0, await _publisher.PublishDueAsync(Ct));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(1, await _publisher.PublishDueAsync(Ct));
        var late = TableChanges[^1].Update;
        Assert.Equal(("t2", 4), (Assert.Single(late.Tables).TableId, late.Tables[0].Occupants.Count));
    }

    private IReadOnlyList<(string Audience, BarTablesUpdate Update)> TableChanges =>
        _hub.PushesOf<BarTablesUpdate>(nameof(IBarsClient.TableChanged));

    private Task<PresenceJoinResult> SitAsync(string eventId, string tableId, string attendeeId) =>
        _presence.JoinAsync(
            BarRooms.Table(eventId, "theke", tableId),
            new PresenceJoin(attendeeId, attendeeId, "attendee", $"c-{attendeeId}", "node", _time.GetUtcNow(), 4, BarRooms.Scope),
            Ct);
}

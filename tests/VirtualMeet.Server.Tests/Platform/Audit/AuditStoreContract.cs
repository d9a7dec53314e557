using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;

namespace VirtualMeet.Server.Tests.Platform.Audit;

/// <summary>What an audit store must do; run against each implementation.</summary>
public abstract class AuditStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    internal abstract IAuditStore Store { get; }

    /// <summary>What the event's purge runs for this store's data.</summary>
    internal abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEvent() => "audit-" + Guid.NewGuid().ToString("N")[..10];

    private static AuditDraft Draft(int n, string? name = "Olga Organizer", string? details = null) =>
        new(Now.AddSeconds(n), "org-" + n, name, AuditActions.ChatDelete, "keynote/" + n, details);

    [Fact]
    public async Task EntriesAreNumberedInOrderAndReadFromASequenceOn()
    {
        var eventId = NewEvent();
        for (var n = 1; n <= 5; n++)
            Assert.Equal(n, (await Store.AppendAsync(eventId, Draft(n), 100, Ct)).Sequence);

        var page = await Store.ReadAsync(eventId, 2, 2, Ct);

        Assert.Equal([3L, 4L], page.Select(e => e.Sequence));
        Assert.Equal(Draft(3).Numbered(3), page[0]);
        Assert.Empty(await Store.ReadAsync(eventId, 5, 10, Ct));
    }

    [Fact]
    public async Task EveryFieldRoundTripsAndMissingOnesStayMissing()
    {
        var eventId = NewEvent();
        var full = Draft(1, details: "minutes=5; \"quoted\", ümlaut");
        var bare = Draft(2, name: null);

        await Store.AppendAsync(eventId, full, 100, Ct);
        await Store.AppendAsync(eventId, bare, 100, Ct);

        Assert.Equal([full.Numbered(1), bare.Numbered(2)], await Store.ReadAsync(eventId, 0, 10, Ct));
    }

    [Fact]
    public async Task TheOldestEntriesGoBeyondTheCapAndNumbersGoOn()
    {
        var eventId = NewEvent();
        for (var n = 1; n <= 5; n++)
            await Store.AppendAsync(eventId, Draft(n), 3, Ct);

        Assert.Equal([3L, 4L, 5L], (await Store.ReadAsync(eventId, 0, 10, Ct)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ConcurrentAppendsGetDistinctNumbersAndNoneIsLost()
    {
        var eventId = NewEvent();

        await Task.WhenAll(Enumerable.Range(1, 40).Select(n => Store.AppendAsync(eventId, Draft(n), 100, Ct)));

        var entries = await Store.ReadAsync(eventId, 0, 100, Ct);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), entries.Select(e => e.Sequence));
        Assert.Equal(40, entries.Select(e => e.ActorId).Distinct().Count());
    }

    [Fact]
    public async Task APurgeRemovesTheEventsLogOnlyAndANewLogStartsAtOne()
    {
        var purged = NewEvent();
        var kept = NewEvent();
        await Store.AppendAsync(purged, Draft(1), 100, Ct);
        await Store.AppendAsync(kept, Draft(2), 100, Ct);

        await Purge.PurgeEventAsync(purged, Ct);

        Assert.Empty(await Store.ReadAsync(purged, 0, 10, Ct));
        Assert.Single(await Store.ReadAsync(kept, 0, 10, Ct));
        Assert.Equal(1, (await Store.AppendAsync(purged, Draft(3), 100, Ct)).Sequence);
    }
}

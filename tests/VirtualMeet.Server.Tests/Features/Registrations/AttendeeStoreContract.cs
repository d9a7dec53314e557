using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>What every <see cref="IAttendeeStore"/> must do; run against each implementation.</summary>
public abstract class AttendeeStoreContract
{
    protected abstract IAttendeeStore Store { get; }

    /// <summary>The implementation's part in an event purge.</summary>
    protected abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Attendee NewAttendee(string eventId) => new(
        Guid.NewGuid().ToString("N"), eventId, "Alex Attendee", "alex@example.org", "Cluster Süd", "de", ["KI", "Energie"],
        new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnAddedAttendeeReadsBackEqual()
    {
        var attendee = NewAttendee(TestEvents.NewId());
        await Store.AddAsync(attendee, Ct);

        var read = await Store.GetAsync(attendee.EventId, attendee.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal(attendee with { Interests = [] }, read with { Interests = [] });
        Assert.Equal(attendee.Interests, read.Interests);
    }

    [Fact]
    public async Task AttendeesOfDifferentEventsAreSeparate()
    {
        var attendee = NewAttendee(TestEvents.NewId());

        await Store.AddAsync(attendee, Ct);

        Assert.Null(await Store.GetAsync(TestEvents.NewId(), attendee.Id, Ct));
    }

    [Fact]
    public async Task ADeletedAttendeeIsGone()
    {
        var attendee = NewAttendee(TestEvents.NewId());
        await Store.AddAsync(attendee, Ct);

        Assert.True(await Store.DeleteAsync(attendee.EventId, attendee.Id, Ct));

        Assert.Null(await Store.GetAsync(attendee.EventId, attendee.Id, Ct));
        Assert.False(await Store.DeleteAsync(attendee.EventId, attendee.Id, Ct));
    }

    [Fact]
    public async Task AnEventListsEveryAttendeeItHasAndNoOther()
    {
        var eventId = TestEvents.NewId();
        var first = NewAttendee(eventId);
        var second = NewAttendee(eventId) with { DisplayName = "Berta Beispiel" };
        var erased = NewAttendee(eventId);
        await Store.AddAsync(first, Ct);
        await Store.AddAsync(second, Ct);
        await Store.AddAsync(erased, Ct);
        await Store.AddAsync(NewAttendee(TestEvents.NewId()), Ct);
        await Store.DeleteAsync(eventId, erased.Id, Ct);

        var listed = await Store.ListAsync(eventId, Ct);

        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Select(a => a.Id).Order());
        Assert.Equal("Berta Beispiel", listed.Single(a => a.Id == second.Id).DisplayName);
        Assert.Empty(await Store.ListAsync(TestEvents.NewId(), Ct));
    }

    [Fact]
    public async Task PurgingAnEventRemovesItsAttendeesOnly()
    {
        var purged = NewAttendee(TestEvents.NewId());
        var kept = NewAttendee(TestEvents.NewId());
        await Store.AddAsync(purged, Ct);
        await Store.AddAsync(kept, Ct);

        await Purge.PurgeEventAsync(purged.EventId, Ct);

        Assert.Null(await Store.GetAsync(purged.EventId, purged.Id, Ct));
        Assert.NotNull(await Store.GetAsync(kept.EventId, kept.Id, Ct));
    }
}

using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>What every <see cref="ISessionRegistrationStore"/> must do; run against each implementation.</summary>
public abstract class SessionRegistrationStoreContract
{
    private const string Session = "workshop";

    private readonly string _eventId = TestEvents.NewId();

    protected abstract ISessionRegistrationStore Store { get; }

    /// <summary>The implementation's part in an event purge.</summary>
    protected abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<SessionPlace> Register(string attendee, int? capacity = 2) => Store.RegisterAsync(_eventId, Session, attendee, capacity, Ct);

    private Task<Cancellation> Cancel(string attendee, int? capacity = 2) => Store.CancelAsync(_eventId, Session, attendee, capacity, Ct);

    [Fact]
    public async Task SeatsAreConfirmedUntilFullThenTheWaitlistGrowsInOrder()
    {
        Assert.Equal(SessionPlace.Confirmed, await Register("a"));
        Assert.Equal(SessionPlace.Confirmed, await Register("b"));
        Assert.Equal(SessionPlace.Waitlisted(1), await Register("c"));
        Assert.Equal(SessionPlace.Waitlisted(2), await Register("d"));

        var roster = await Store.GetRosterAsync(_eventId, Session, Ct);
        Assert.Equal(["a", "b"], roster.Confirmed);
        Assert.Equal(["c", "d"], roster.Waitlist);
    }

    [Fact]
    public async Task RegisteringAgainKeepsThePlace()
    {
        await Register("a");
        await Register("b");
        await Register("c");

        Assert.Equal(SessionPlace.Confirmed, await Register("a"));
        Assert.Equal(SessionPlace.Waitlisted(1), await Register("c"));
        var roster = await Store.GetRosterAsync(_eventId, Session, Ct);
        Assert.Equal(2, roster.Confirmed.Count);
        Assert.Single(roster.Waitlist);
    }

    [Fact]
    public async Task AFreedSeatGoesToTheFirstWaitingAttendee()
    {
        foreach (var attendee in new[] { "a", "b", "c", "d" })
            await Register(attendee);

        var cancellation = await Cancel("a");

        Assert.Equal(SessionRegistrationStatus.Confirmed, cancellation.Previous);
        Assert.Equal(["c"], cancellation.Promoted);
        Assert.Equal(SessionPlace.Confirmed, await Store.GetAsync(_eventId, Session, "c", Ct));
        Assert.Equal(SessionPlace.Waitlisted(1), await Store.GetAsync(_eventId, Session, "d", Ct));
        Assert.Equal(SessionPlace.None, await Store.GetAsync(_eventId, Session, "a", Ct));
    }

    [Fact]
    public async Task LeavingTheWaitlistMovesLaterAttendeesUpWithoutPromotingAnyone()
    {
        foreach (var attendee in new[] { "a", "b", "c", "d", "e" })
            await Register(attendee);

        var cancellation = await Cancel("c");

        Assert.Equal(SessionRegistrationStatus.Waitlisted, cancellation.Previous);
        Assert.Empty(cancellation.Promoted);
        Assert.Equal(SessionPlace.Waitlisted(1), await Store.GetAsync(_eventId, Session, "d", Ct));
        Assert.Equal(SessionPlace.Waitlisted(2), await Store.GetAsync(_eventId, Session, "e", Ct));
    }

    [Fact]
    public async Task CancellingTwiceIsHarmless()
    {
        await Register("a");
        await Cancel("a");

        var again = await Cancel("a");

        Assert.Equal(SessionRegistrationStatus.None, again.Previous);
        Assert.Empty(again.Promoted);
    }

    [Fact]
    public async Task ASessionWithoutCapacityConfirmsEveryone()
    {
        for (var i = 0; i < 25; i++)
            Assert.Equal(SessionPlace.Confirmed, await Register($"a{i}", capacity: null));
    }

    [Fact]
    public async Task ACapacityOfZeroWaitlistsEveryone()
    {
        Assert.Equal(SessionPlace.Waitlisted(1), await Register("a", capacity: 0));
        Assert.Empty((await Cancel("a", capacity: 0)).Promoted);
    }

    [Fact]
    public async Task AnAttendeesSessionsAreTrackedAcrossSessions()
    {
        await Store.RegisterAsync(_eventId, "s1", "a", 1, Ct);
        await Store.RegisterAsync(_eventId, "s2", "a", 0, Ct);
        Assert.Equal(["s1", "s2"], await Store.GetSessionsOfAsync(_eventId, "a", Ct));

        await Store.CancelAsync(_eventId, "s1", "a", 1, Ct);
        Assert.Equal(["s2"], await Store.GetSessionsOfAsync(_eventId, "a", Ct));
    }

    [Fact]
    public async Task ConcurrentRegistrationsNeverOverbook()
    {
        var attendees = Enumerable.Range(0, 100).Select(i => $"attendee-{i}").ToList();

        var places = await Task.WhenAll(attendees.Select(a => Task.Run(() => Register(a, capacity: 10), Ct)));

        Assert.Equal(10, places.Count(p => p.Status == SessionRegistrationStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 90), places.Where(p => p.Position is not null).Select(p => p.Position!.Value).Order());
        var roster = await Store.GetRosterAsync(_eventId, Session, Ct);
        Assert.Equal(100, roster.Confirmed.Concat(roster.Waitlist).Distinct().Count());
    }

    [Fact]
    public async Task PurgingAnEventForgetsItsSeats()
    {
        await Register("a");
        await Register("b");

        await Purge.PurgeEventAsync(_eventId, Ct);

        Assert.Equal(SessionPlace.None, await Store.GetAsync(_eventId, Session, "a", Ct));
        Assert.Empty(await Store.GetSessionsOfAsync(_eventId, "a", Ct));
        Assert.Equal(SessionPlace.Confirmed, await Register("c"));
    }
}

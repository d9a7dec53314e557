using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingTestData;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>What every <see cref="IMatchmakingStore"/> must do; run against each implementation.</summary>
public abstract class MatchmakingStoreContract
{
    private static readonly DateTimeOffset Now = SlotStart.AddHours(-1);

    internal abstract IMatchmakingStore Store { get; }

    /// <summary>The cap on pending requests per requester that these tests book with.</summary>
    private const int Cap = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProfilesReadBackPerEvent()
    {
        var eventId = NewEventId();
        var profile = Profile(eventId, "a", ["KI"], ["Beratung"], ["Kapital"]);
        await Store.SaveProfileAsync(profile, Ct);
        await Store.SaveProfileAsync(Profile(NewEventId(), "a"), Ct);

        var read = await Store.GetProfileAsync(eventId, "a", Ct);

        Assert.Equal(profile.Offers, read!.Offers);
        Assert.Equal(profile.Seeks, read.Seeks);
        Assert.Single(await Store.ListProfilesAsync(eventId, Ct));
    }

    [Fact]
    public async Task ARequestHoldsTheSlotOfBothAttendees()
    {
        var eventId = NewEventId();
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "b")));

        Assert.Equal(BookingStatus.RequesterBusy, await BookAsync(Meeting(eventId, "a", "c")));
        Assert.Equal(BookingStatus.InviteeBusy, await BookAsync(Meeting(eventId, "c", "b")));
        Assert.Equal(BookingStatus.InviteeBusy, await BookAsync(Meeting(eventId, "c", "a")));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "b", SlotStart.AddMinutes(15))));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(NewEventId(), "a", "b")));
    }

    [Fact]
    public async Task DecliningFreesTheSlotForBothAndBumpsTheVersion()
    {
        var eventId = NewEventId();
        var meeting = Meeting(eventId, "a", "b");
        await BookAsync(meeting);

        var (change, declined) = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Declined, Now, Ct);

        Assert.Equal(MeetingChange.Changed, change);
        Assert.Equal(MeetingStatus.Declined, declined!.Status);
        Assert.Equal(meeting.Version + 1, declined.Version);
        Assert.Equal(MeetingStatus.Declined, (await Store.GetMeetingAsync(eventId, meeting.Id, Ct))!.Status);
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "b", "c")));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "d")));
    }

    [Fact]
    public async Task AcceptingKeepsTheSlotsAndOnlyTheFirstOfTwoAnswersCounts()
    {
        var eventId = NewEventId();
        var meeting = Meeting(eventId, "a", "b");
        await BookAsync(meeting);

        var accepted = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Accepted, Now, Ct);
        var declined = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Declined, Now, Ct);

        Assert.Equal(MeetingChange.Changed, accepted.Change);
        Assert.Equal(MeetingChange.Refused, declined.Change);
        Assert.Equal(MeetingStatus.Accepted, declined.Meeting!.Status);
        Assert.Equal(BookingStatus.InviteeBusy, await BookAsync(Meeting(eventId, "c", "a")));
        Assert.Equal(MeetingChange.NotFound, (await Store.TransitionAsync(eventId, "nope", [MeetingStatus.Requested], MeetingStatus.Accepted, Now, Ct)).Change);
    }

    [Fact]
    public async Task ConcurrentRequestsForOneAttendeeAndSlotBookExactlyOne()
    {
        var eventId = NewEventId();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => BookAsync(Meeting(eventId, $"r{i}", "star")), Ct)));

        Assert.Equal(1, results.Count(r => r == BookingStatus.Booked));
        var stored = await Store.ListMeetingsAsync(eventId, "star", Ct);
        Assert.Single(stored);
        Assert.Single(await Store.ListMeetingsAsync(eventId, null, Ct));
    }

    [Fact]
    public async Task ErasureForgetsTheProfileAndMeetingsAndFreesTheOtherSide()
    {
        var eventId = NewEventId();
        await Store.SaveProfileAsync(Profile(eventId, "a"), Ct);
        var theirs = Meeting(eventId, "a", "b");
        await BookAsync(theirs);
        await BookAsync(Meeting(eventId, "c", "d"));

        var removed = await Store.RemoveAttendeeAsync(eventId, "a", Ct);

        Assert.Equal([theirs.Id], removed.Select(m => m.Id));
        Assert.Empty(await Store.RemoveAttendeeAsync(eventId, "a", Ct));
        Assert.Null(await Store.GetProfileAsync(eventId, "a", Ct));
        Assert.Empty(await Store.ListMeetingsAsync(eventId, "b", Ct));
        Assert.Single(await Store.ListMeetingsAsync(eventId, null, Ct));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "b", "e")));
    }

    [Fact]
    public async Task ARequestBeyondTheCapIsRefusedWithThePendingCountUntilOneIsAnswered()
    {
        var eventId = NewEventId();
        var sent = new List<MeetingRecord>();
        for (var i = 0; i < Cap; i++)
        {
            sent.Add(Meeting(eventId, "a", $"b{i}", SlotStart.AddMinutes(15 * i)));
            Assert.Equal(new Booking(BookingStatus.Booked, i + 1), await Store.RequestAsync(sent[^1], Cap, Ct));
        }

        var beyond = Meeting(eventId, "a", "late", SlotStart.AddMinutes(15 * Cap));
        Assert.Equal(new Booking(BookingStatus.TooManyPending, Cap), await Store.RequestAsync(beyond, Cap, Ct));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "late", "other", beyond.SlotStartsAt)));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "b0", "a", SlotStart.AddHours(2))));

        await Store.TransitionAsync(eventId, sent[0].Id, [MeetingStatus.Requested], MeetingStatus.Accepted, Now, Ct);
        await Store.TransitionAsync(eventId, sent[1].Id, [MeetingStatus.Requested], MeetingStatus.Declined, Now, Ct);
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "c", SlotStart.AddMinutes(15 * Cap))));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "d", SlotStart.AddMinutes(15 * (Cap + 1)))));
        Assert.Equal(BookingStatus.TooManyPending, await BookAsync(Meeting(eventId, "a", "e", SlotStart.AddMinutes(15 * (Cap + 2)))));
    }

    [Fact]
    public async Task ParallelRequestsOfOneRequesterNeverExceedTheCap()
    {
        var eventId = NewEventId();
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => BookAsync(Meeting(eventId, "a", $"b{i}", SlotStart.AddMinutes(15 * i))), Ct)));

        Assert.Equal(Cap, results.Count(r => r == BookingStatus.Booked));
        Assert.Equal(24 - Cap, results.Count(r => r == BookingStatus.TooManyPending));
        Assert.Equal(Cap, (await Store.ListMeetingsAsync(eventId, "a", Ct)).Count);
    }

    [Fact]
    public async Task AnOverdueRequestHoldsNeitherSlotNorAPlaceInTheCap()
    {
        var eventId = NewEventId();
        var overdue = Expiring(eventId, "a", "b");
        await BookAsync(overdue);
        for (var i = 1; i < Cap; i++)
            await BookAsync(Meeting(eventId, "a", $"c{i}", SlotStart.AddMinutes(15 * i)));
        var later = overdue.ExpiresAt;

        Assert.Equal(BookingStatus.RequesterBusy, await BookAsync(Meeting(eventId, "a", "d") with { CreatedAt = later.AddSeconds(-1) }));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "d", "b") with { CreatedAt = later }));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "e") with { CreatedAt = later }));
        Assert.Equal(BookingStatus.TooManyPending, await BookAsync(Meeting(eventId, "a", "f", SlotStart.AddHours(2)) with { CreatedAt = later }));
        Assert.Equal(MeetingStatus.Expired, (await Store.GetMeetingAsync(eventId, overdue.Id, Ct))!.AsOf(later).Status);
    }

    [Fact]
    public async Task AnOverdueRequestCanOnlyExpireAndOnlyOnce()
    {
        var eventId = NewEventId();
        var meeting = Expiring(eventId, "a", "b");
        await BookAsync(meeting);
        var early = meeting.ExpiresAt.AddSeconds(-1);
        var due = meeting.ExpiresAt;
        MeetingStatus[] open = [MeetingStatus.Requested];

        Assert.Equal(MeetingChange.Refused, (await Store.TransitionAsync(eventId, meeting.Id, open, MeetingStatus.Expired, early, Ct)).Change);
        var accepted = await Store.TransitionAsync(eventId, meeting.Id, open, MeetingStatus.Accepted, due, Ct);
        Assert.Equal((MeetingChange.Refused, MeetingStatus.Requested), (accepted.Change, accepted.Meeting!.Status));
        var expired = await Store.TransitionAsync(eventId, meeting.Id, open, MeetingStatus.Expired, due, Ct);
        Assert.Equal((MeetingChange.Changed, MeetingStatus.Expired, meeting.Version + 1), (expired.Change, expired.Meeting!.Status, expired.Meeting.Version));
        Assert.Equal(MeetingChange.Refused, (await Store.TransitionAsync(eventId, meeting.Id, open, MeetingStatus.Expired, due, Ct)).Change);
        Assert.Equal(MeetingChange.Refused, (await Store.TransitionAsync(eventId, meeting.Id, open, MeetingStatus.Accepted, due, Ct)).Change);
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "c", "b")));
        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "c", SlotStart.AddMinutes(15))));
    }

    [Fact]
    public async Task ErasingAnInviteeGivesTheRequesterItsPlaceInTheCapBack()
    {
        var eventId = NewEventId();
        for (var i = 0; i < Cap; i++)
            await BookAsync(Meeting(eventId, "a", $"b{i}", SlotStart.AddMinutes(15 * i)));

        await Store.RemoveAttendeeAsync(eventId, "b0", Ct);

        Assert.Equal(BookingStatus.Booked, await BookAsync(Meeting(eventId, "a", "c", SlotStart.AddMinutes(15 * Cap))));
        Assert.Equal(BookingStatus.TooManyPending, await BookAsync(Meeting(eventId, "a", "d", SlotStart.AddHours(2))));
    }

    [Fact]
    public async Task ExpiryOnTwoNodesRecordsItOnceAndTellsBothPeopleOnce()
    {
        var eventId = NewEventId();
        var meeting = await BookExpiringAsync(eventId);
        var time = new ManualTimeProvider(meeting.CreatedAt);
        var notices = new RecordingNotifier();
        using var nodeA = Node(time, notices);
        using var nodeB = Node(time, notices);

        Assert.False(await nodeA.ExpireAsync(eventId, meeting.Id, Ct));
        nodeA.Watch(meeting);
        nodeB.Watch(meeting);
        time.Advance(meeting.ExpiresAt - time.GetUtcNow());

        var (record, view) = await notices.Changes.Reader.ReadAsync(Ct).AsTask().WaitAsync(TestTimeouts.Default, Ct);
        Assert.Equal((meeting.Id, MeetingStatus.Expired), (record.Id, record.Status));
        Assert.Equal(("a", "b", MeetingStatus.Expired), (view.RequesterId, view.InviteeId, view.Status));
        var again = await Task.WhenAll(nodeA.ExpireAsync(eventId, meeting.Id, Ct), nodeB.ExpireAsync(eventId, meeting.Id, Ct));
        Assert.All(again, Assert.False);
        Assert.Equal(MeetingStatus.Expired, (await Store.GetMeetingAsync(eventId, meeting.Id, Ct))!.Status);
        Assert.False(notices.Changes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RacingExpiriesChangeTheRequestOnce()
    {
        var eventId = NewEventId();
        var meeting = await BookExpiringAsync(eventId);
        var time = new ManualTimeProvider(meeting.ExpiresAt);
        var notices = new RecordingNotifier();
        var nodes = Enumerable.Range(0, 8).Select(_ => Node(time, notices)).ToList();

        var won = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.ExpireAsync(eventId, meeting.Id, Ct), Ct)));
        nodes.ForEach(n => n.Dispose());

        Assert.Equal(1, won.Count(w => w));
        Assert.Equal(1, notices.Changes.Reader.Count);
    }

    private async Task<BookingStatus> BookAsync(MeetingRecord meeting) => (await Store.RequestAsync(meeting, Cap, Ct)).Status;

    /// <summary>A request that expires unanswered 30 minutes after it was made, long before its slot.</summary>
    private static MeetingRecord Expiring(string eventId, string requester, string invitee)
    {
        var meeting = Meeting(eventId, requester, invitee);
        return meeting with { AnswerBy = meeting.CreatedAt.AddMinutes(30) };
    }

    private async Task<MeetingRecord> BookExpiringAsync(string eventId)
    {
        var meeting = Expiring(eventId, "a", "b");
        Assert.Equal(BookingStatus.Booked, await BookAsync(meeting));
        return meeting;
    }

    /// <summary>The expiry of one node, on this store and a shared clock.</summary>
    private MeetingExpiry Node(TimeProvider time, IMeetingNotifier notifier) => new(Store, notifier, time, NullLogger<MeetingExpiry>.Instance);

    private sealed class RecordingNotifier : IMeetingNotifier
    {
        public Channel<(MeetingRecord Meeting, MeetingView View)> Changes { get; } =
            Channel.CreateUnbounded<(MeetingRecord, MeetingView)>();

        public Task RequestedAsync(MeetingView meeting) => Task.CompletedTask;

        public Task ChangedAsync(MeetingRecord meeting, MeetingView view) => Changes.Writer.WriteAsync((meeting, view)).AsTask();
    }
}

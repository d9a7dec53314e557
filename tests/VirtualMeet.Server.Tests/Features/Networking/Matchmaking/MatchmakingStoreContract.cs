using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingTestData;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>What every <see cref="IMatchmakingStore"/> must do; run against each implementation.</summary>
public abstract class MatchmakingStoreContract
{
    private static readonly DateTimeOffset Now = SlotStart.AddHours(-1);

    internal abstract IMatchmakingStore Store { get; }

    internal abstract IAttendeeScopedData Erasure { get; }

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
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(eventId, "a", "b"), Ct));

        Assert.Equal(BookingStatus.RequesterBusy, await Store.RequestAsync(Meeting(eventId, "a", "c"), Ct));
        Assert.Equal(BookingStatus.InviteeBusy, await Store.RequestAsync(Meeting(eventId, "c", "b"), Ct));
        Assert.Equal(BookingStatus.InviteeBusy, await Store.RequestAsync(Meeting(eventId, "c", "a"), Ct));
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(eventId, "a", "b", SlotStart.AddMinutes(15)), Ct));
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(NewEventId(), "a", "b"), Ct));
    }

    [Fact]
    public async Task DecliningFreesTheSlotForBothAndBumpsTheVersion()
    {
        var eventId = NewEventId();
        var meeting = Meeting(eventId, "a", "b");
        await Store.RequestAsync(meeting, Ct);

        var (change, declined) = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Declined, Now, Ct);

        Assert.Equal(MeetingChange.Changed, change);
        Assert.Equal(MeetingStatus.Declined, declined!.Status);
        Assert.Equal(meeting.Version + 1, declined.Version);
        Assert.Equal(MeetingStatus.Declined, (await Store.GetMeetingAsync(eventId, meeting.Id, Ct))!.Status);
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(eventId, "b", "c"), Ct));
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(eventId, "a", "d"), Ct));
    }

    [Fact]
    public async Task AcceptingKeepsTheSlotsAndOnlyTheFirstOfTwoAnswersCounts()
    {
        var eventId = NewEventId();
        var meeting = Meeting(eventId, "a", "b");
        await Store.RequestAsync(meeting, Ct);

        var accepted = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Accepted, Now, Ct);
        var declined = await Store.TransitionAsync(eventId, meeting.Id, [MeetingStatus.Requested], MeetingStatus.Declined, Now, Ct);

        Assert.Equal(MeetingChange.Changed, accepted.Change);
        Assert.Equal(MeetingChange.Refused, declined.Change);
        Assert.Equal(MeetingStatus.Accepted, declined.Meeting!.Status);
        Assert.Equal(BookingStatus.InviteeBusy, await Store.RequestAsync(Meeting(eventId, "c", "a"), Ct));
        Assert.Equal(MeetingChange.NotFound, (await Store.TransitionAsync(eventId, "nope", [MeetingStatus.Requested], MeetingStatus.Accepted, Now, Ct)).Change);
    }

    [Fact]
    public async Task ConcurrentRequestsForOneAttendeeAndSlotBookExactlyOne()
    {
        var eventId = NewEventId();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Store.RequestAsync(Meeting(eventId, $"r{i}", "star"), Ct), Ct)));

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
        await Store.RequestAsync(Meeting(eventId, "a", "b"), Ct);
        await Store.RequestAsync(Meeting(eventId, "c", "d"), Ct);

        await Erasure.EraseAttendeeAsync(eventId, "a", Ct);

        Assert.Null(await Store.GetProfileAsync(eventId, "a", Ct));
        Assert.Empty(await Store.ListMeetingsAsync(eventId, "b", Ct));
        Assert.Single(await Store.ListMeetingsAsync(eventId, null, Ct));
        Assert.Equal(BookingStatus.Booked, await Store.RequestAsync(Meeting(eventId, "b", "e"), Ct));
    }
}

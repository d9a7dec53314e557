using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// Organised 1:1 matchmaking, top to bottom: profiles, suggestions, meeting requests and their answers, the
/// organizer's export. The store decides every race (one booking per attendee and slot, the cap on pending
/// requests, one answer or expiry per request); this class validates, and tells both sides. An overdue request
/// reads as expired everywhere before <see cref="MeetingExpiry"/> records it.
/// </summary>
internal sealed partial class MatchmakingService(
    IMatchmakingStore store,
    IEventStore events,
    IAttendeeStore attendees,
    IMeetingNotifier notifier,
    MeetingExpiry expiry,
    IOptions<MatchmakingOptions> options,
    TimeProvider time,
    ILogger<MatchmakingService> logger)
{
    private static readonly MeetingStatus[] Open = [MeetingStatus.Requested];
    private static readonly MeetingStatus[] Holding = [MeetingStatus.Requested, MeetingStatus.Accepted];

    private MatchmakingOptions Settings => options.Value;

    /// <summary>Takes part in matchmaking, or updates what the caller offers and seeks.</summary>
    public async Task<MatchmakingProfileView> SaveProfileAsync(
        string eventId, string attendeeId, string displayName, MatchmakingProfileRequest request, CancellationToken cancellationToken)
    {
        await RequireEventAsync(eventId, cancellationToken);
        var registered = await attendees.GetAsync(eventId, attendeeId, cancellationToken);
        var profile = new MatchmakingProfile(
            eventId,
            attendeeId,
            registered?.DisplayName ?? UserText.Require(displayName, AttendeeRequestValidator.MaxDisplayName, "Display name"),
            registered?.Organization,
            ProfileTags.Normalise(request.Interests ?? registered?.Interests, "interests", Settings),
            ProfileTags.Normalise(request.Offers, "offers", Settings),
            ProfileTags.Normalise(request.Seeks, "seeks", Settings),
            time.GetUtcNow());
        await store.SaveProfileAsync(profile, cancellationToken);
        return MatchmakingViews.Profile(profile);
    }

    public async Task<MatchmakingProfileView> GetProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        MatchmakingViews.Profile(await RequireProfileAsync(eventId, attendeeId, cancellationToken));

    public async Task<IReadOnlyList<MatchSuggestion>> SuggestionsAsync(
        string eventId, string attendeeId, int? limit, CancellationToken cancellationToken)
    {
        var me = await RequireProfileAsync(eventId, attendeeId, cancellationToken);
        var others = await store.ListProfilesAsync(eventId, cancellationToken);
        return SuggestionRanker.Rank(me, others, Math.Min(limit ?? Settings.MaxSuggestions, Settings.MaxSuggestions));
    }

    public async Task<MatchmakingSlotsView> SlotsAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var window = await WindowAsync(eventId, cancellationToken);
        var now = time.GetUtcNow();
        var mine = (await store.ListMeetingsAsync(eventId, attendeeId, cancellationToken)).Select(m => m.AsOf(now)).Where(m => m.HoldsSlot).ToList();
        var slots = window.Slots()
            .Select(s => new MatchmakingSlot(s.StartsAt, s.EndsAt, mine.FirstOrDefault(m => m.SlotStartsAt == s.StartsAt)?.Id))
            .ToList();
        return new MatchmakingSlotsView(window.StartsAt!.Value, window.EndsAt!.Value, Settings.SlotMinutes, slots);
    }

    public async Task<MeetingView> RequestAsync(string eventId, string requesterId, MeetingRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.InviteeId))
            throw Refusal.InvalidArgument("inviteeId is required.");
        if (request.InviteeId == requesterId)
            throw Refusal.InvalidArgument("A meeting needs two people; the invitee is the requester.");
        var message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();
        if (message?.Length > Settings.MaxMessageLength)
            throw Refusal.InvalidArgument($"The message has {message.Length} characters; at most {Settings.MaxMessageLength} are allowed.");

        var window = await WindowAsync(eventId, cancellationToken);
        var slot = window.SlotAt(request.SlotStartsAt)
            ?? throw Refusal.InvalidArgument($"{request.SlotStartsAt:O} is not the start of a matchmaking slot; see GET .../matchmaking/slots.");
        var now = time.GetUtcNow();
        if (slot.EndsAt <= now)
            throw Refusal.InvalidArgument("That slot is over.");

        var requester = await RequireProfileAsync(eventId, requesterId, cancellationToken);
        var invitee = await store.GetProfileAsync(eventId, request.InviteeId, cancellationToken)
            ?? throw Refusal.NotFound($"Attendee '{request.InviteeId}' does not take part in matchmaking.");

        // Answered by the TTL, and before the slot starts (before it ends for a request made during it).
        var answerBy = Min(now + Settings.RequestTtl, slot.StartsAt > now ? slot.StartsAt : slot.EndsAt);
        var meeting = new MeetingRecord(
            Guid.NewGuid().ToString("N"), eventId, requesterId, invitee.AttendeeId, slot.StartsAt, slot.EndsAt, message, now, AnswerBy: answerBy);
        var booking = await store.RequestAsync(meeting, Settings.MaxPendingRequests, cancellationToken);
        switch (booking.Status)
        {
            case BookingStatus.RequesterBusy:
                throw Refusal.Conflict("You already have a meeting in that slot.");
            case BookingStatus.InviteeBusy:
                throw Refusal.Conflict($"{invitee.DisplayName} already has a meeting in that slot.");
            case BookingStatus.TooManyPending:
                throw Refusal.Conflict(
                    $"You have {booking.Pending} requests waiting for an answer; at most {Settings.MaxPendingRequests} may wait at once. " +
                    "Cancel one, or wait until they are answered or expire.");
        }

        expiry.Watch(meeting);
        LogRequested(eventId, meeting.Id, slot.StartsAt);
        var view = MatchmakingViews.Meeting(meeting, id => id == requesterId ? requester.DisplayName : invitee.DisplayName);
        await notifier.RequestedAsync(view);
        return view;
    }

    public Task<MeetingView> AcceptAsync(string eventId, string attendeeId, string meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, attendeeId, meetingId, MeetingStatus.Accepted, cancellationToken);

    public Task<MeetingView> DeclineAsync(string eventId, string attendeeId, string meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, attendeeId, meetingId, MeetingStatus.Declined, cancellationToken);

    public Task<MeetingView> CancelAsync(string eventId, string attendeeId, string meetingId, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, attendeeId, meetingId, MeetingStatus.Cancelled, cancellationToken);

    /// <summary>The caller's meetings, by slot.</summary>
    public async Task<IReadOnlyList<MeetingView>> MeetingsAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var meetings = await store.ListMeetingsAsync(eventId, attendeeId, cancellationToken);
        var names = await NamesAsync(eventId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var meeting in meetings)
            expiry.Watch(meeting);
        return meetings.OrderBy(m => m.SlotStartsAt).ThenBy(m => m.CreatedAt)
            .Select(m => MatchmakingViews.Meeting(m.AsOf(now), names))
            .ToList();
    }

    public async Task<MatchmakingExport> ExportAsync(string eventId, CancellationToken cancellationToken)
    {
        await RequireEventAsync(eventId, cancellationToken);
        var profiles = await store.ListProfilesAsync(eventId, cancellationToken);
        var now = time.GetUtcNow();
        var meetings = (await store.ListMeetingsAsync(eventId, null, cancellationToken)).Select(m => m.AsOf(now)).ToList();
        return MatchmakingViews.Export(eventId, profiles, meetings, now);
    }

    private async Task<MeetingView> ChangeAsync(
        string eventId, string attendeeId, string meetingId, MeetingStatus to, CancellationToken cancellationToken)
    {
        var meeting = await store.GetMeetingAsync(eventId, meetingId, cancellationToken);
        if (meeting is null || !meeting.Involves(attendeeId))
            throw Refusal.NotFound($"You have no meeting '{meetingId}'.");
        if (to != MeetingStatus.Cancelled && meeting.InviteeId != attendeeId)
            throw Refusal.Forbidden("Only the invitee accepts or declines; the requester may cancel.");
        var now = time.GetUtcNow();
        if (meeting.SlotEndsAt <= now)
            throw Refusal.Conflict("The meeting's slot is over.");
        if (meeting.IsOverdue(now))
            throw await ExpiredAsync(meeting, to, cancellationToken);

        var (change, changed) = await store.TransitionAsync(eventId, meetingId, to == MeetingStatus.Cancelled ? Holding : Open, to, now, cancellationToken);
        if (change == MeetingChange.NotFound)
            throw Refusal.NotFound($"You have no meeting '{meetingId}'.");
        if (change == MeetingChange.Refused && changed!.IsOverdue(now))
            throw await ExpiredAsync(changed, to, cancellationToken);
        if (change == MeetingChange.Refused)
            throw Refusal.Conflict($"The meeting is {changed!.Status.ToString().ToLowerInvariant()}; it cannot become {to.ToString().ToLowerInvariant()}.");

        LogChanged(eventId, meetingId, to);
        var view = MatchmakingViews.Meeting(changed!, await NamesAsync(eventId, cancellationToken));
        await notifier.ChangedAsync(changed!, view);
        return view;
    }

    /// <summary>Records the overdue request as expired (and tells both, unless another node already did): the refusal to throw.</summary>
    private async Task<Refusal> ExpiredAsync(MeetingRecord meeting, MeetingStatus to, CancellationToken cancellationToken)
    {
        await expiry.ExpireAsync(meeting.EventId, meeting.Id, cancellationToken);
        return Refusal.Conflict(
            $"The request expired unanswered at {meeting.ExpiresAt:O}; it cannot become {to.ToString().ToLowerInvariant()}.");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private async Task<Func<string, string>> NamesAsync(string eventId, CancellationToken cancellationToken) =>
        MatchmakingViews.NamesOf(await store.ListProfilesAsync(eventId, cancellationToken));

    private async Task<MatchmakingProfile> RequireProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        await RequireEventAsync(eventId, cancellationToken);
        return await store.GetProfileAsync(eventId, attendeeId, cancellationToken)
            ?? throw Refusal.NotFound("You take no part in matchmaking yet; PUT .../matchmaking/profile first.");
    }

    private async Task<MatchmakingWindow> WindowAsync(string eventId, CancellationToken cancellationToken)
    {
        var definition = await RequireEventAsync(eventId, cancellationToken);
        var window = MatchmakingWindow.Of(definition, Settings);
        return window.IsEmpty
            ? throw Refusal.NotFound($"Event '{eventId}' has no matchmaking window (no '{Settings.WindowSessionId}' or networking session long enough for a slot).")
            : window;
    }

    private async Task<Contracts.Events.EventDefinition> RequireEventAsync(string eventId, CancellationToken cancellationToken) =>
        await events.GetAsync(eventId, cancellationToken) ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} of event {EventId} requested for {SlotStartsAt}")]
    private partial void LogRequested(string eventId, string meetingId, DateTimeOffset slotStartsAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId} of event {EventId} is now {Status}")]
    private partial void LogChanged(string eventId, string meetingId, MeetingStatus status);
}

using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// Matchmaking profiles and 1:1 meetings of an event. A request reserves the slot of both attendees in one
/// atomic step (a Lua script on Redis), so no attendee is ever booked twice for a slot, whichever nodes race.
/// A requested meeting already holds the slot; declining or cancelling frees it for both. A request unanswered by
/// its <see cref="MeetingRecord.ExpiresAt"/> is overdue: it holds no slot and counts towards no cap, even before
/// anyone records it as expired, so a lost expiry timer never leaves a slot squatted.
/// </summary>
internal interface IMatchmakingStore
{
    Task SaveProfileAsync(MatchmakingProfile profile, CancellationToken cancellationToken);

    Task<MatchmakingProfile?> GetProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MatchmakingProfile>> ListProfilesAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the meeting when both attendees' slot is free (or held by an overdue request) and the requester has
    /// fewer than <paramref name="maxPending"/> requests waiting for an answer, as of the meeting's
    /// <see cref="MeetingRecord.CreatedAt"/>; otherwise changes nothing. One atomic step.
    /// </summary>
    Task<Booking> RequestAsync(MeetingRecord meeting, int maxPending, CancellationToken cancellationToken);

    Task<MeetingRecord?> GetMeetingAsync(string eventId, string meetingId, CancellationToken cancellationToken);

    /// <summary>The meetings of one attendee, or of the whole event when <paramref name="attendeeId"/> is null.</summary>
    Task<IReadOnlyList<MeetingRecord>> ListMeetingsAsync(string eventId, string? attendeeId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the meeting to <paramref name="to"/> if its status is one of <paramref name="from"/>, bumping its
    /// version; declined, cancelled and expired free both slots. Exactly one of racing callers gets
    /// <see cref="MeetingChange.Changed"/>. An overdue request at <paramref name="now"/> may only become expired, and
    /// only an overdue one may: anything else is refused.
    /// </summary>
    Task<(MeetingChange Change, MeetingRecord? Meeting)> TransitionAsync(
        string eventId, string meetingId, IReadOnlyCollection<MeetingStatus> from, MeetingStatus to, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// An attendee's erasure: forgets their profile and every meeting with them, freeing the other side's slots, and
    /// returns those meetings as they were, so the other side can be told. Idempotent: a second run finds none.
    /// </summary>
    Task<IReadOnlyList<MeetingRecord>> RemoveAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken);
}

/// <summary>What an attendee states for matchmaking; tags are normalised (trimmed, distinct ignoring case).</summary>
internal sealed record MatchmakingProfile(
    string EventId,
    string AttendeeId,
    string DisplayName,
    string? Organization,
    IReadOnlyList<string> Interests,
    IReadOnlyList<string> Offers,
    IReadOnlyList<string> Seeks,
    DateTimeOffset UpdatedAt);

internal sealed record MeetingRecord(
    string Id,
    string EventId,
    string RequesterId,
    string InviteeId,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    string? Message,
    DateTimeOffset CreatedAt,
    MeetingStatus Status = MeetingStatus.Requested,
    long Version = 1,
    DateTimeOffset? UpdatedAt = null,
    DateTimeOffset? AnswerBy = null)
{
    /// <summary>When an unanswered request expires; a request stored without a deadline expires when its slot starts.</summary>
    public DateTimeOffset ExpiresAt => AnswerBy ?? SlotStartsAt;

    /// <summary>Still requested but past its deadline: treated as expired everywhere, until recorded as such.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == MeetingStatus.Requested && ExpiresAt <= now;

    /// <summary>An overdue request may only expire, and nothing else may.</summary>
    public bool MayBecome(MeetingStatus to, DateTimeOffset now) => IsOverdue(now) == (to == MeetingStatus.Expired);

    /// <summary>As of <paramref name="now"/>: an overdue request reads as expired.</summary>
    public MeetingRecord AsOf(DateTimeOffset now) => IsOverdue(now) ? this with { Status = MeetingStatus.Expired } : this;

    public bool Involves(string attendeeId) => RequesterId == attendeeId || InviteeId == attendeeId;

    /// <summary>Slot held for both: requested or accepted.</summary>
    public bool HoldsSlot => Status is MeetingStatus.Requested or MeetingStatus.Accepted;

    /// <summary>Accepted and its slot has started: counted as held in the organizer's figures.</summary>
    public bool IsHeldBy(DateTimeOffset now) => Status == MeetingStatus.Accepted && SlotStartsAt <= now;

    /// <summary>Accepted and its slot is running: the pair's private table exists now.</summary>
    public bool IsRunning(DateTimeOffset now) => Status == MeetingStatus.Accepted && SlotStartsAt <= now && now < SlotEndsAt;
}

internal enum BookingStatus
{
    Booked,
    RequesterBusy,
    InviteeBusy,
    TooManyPending,
}

/// <param name="Pending">The requester's requests waiting for an answer, this one included when booked.</param>
internal readonly record struct Booking(BookingStatus Status, int Pending);

internal enum MeetingChange
{
    Changed,
    Refused,
    NotFound,
}

using StackExchange.Redis;
using VirtualMeet.Server.Platform.Ids;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Every Redis key of the stores, built here and nowhere else. Keys of an event share the hash tag
/// <c>{eventId}</c>, so they live in one Redis Cluster slot (multi-key Lua scripts stay valid) and one
/// pattern (<see cref="EventPattern"/>) finds all of them for a purge. The backplane uses other prefixes.
/// </summary>
internal static class RedisKeys
{
    private const string Prefix = "vm:";

    /// <summary>Set of all event ids; outside any event's hash tag (like <see cref="OrganizerAccounts"/> and <see cref="PresenceEvents"/>).</summary>
    public static RedisKey Events => Prefix + "events";

    /// <summary>
    /// Glob matching every key of the event. Throws for an id that is not an <see cref="EventIds"/> id: <c>*</c>,
    /// <c>a*</c> or <c>{x}</c> would make a pattern that matches other events' keys, and a purge deletes what matches.
    /// </summary>
    public static RedisValue EventPattern(string eventId) =>
        EventIds.IsValid(eventId)
            ? $"{Tag(eventId)}:*"
            : throw new ArgumentException($"Event id is not a valid id ({EventIds.Rule}); no pattern is built from it.", nameof(eventId));

    public static RedisKey Event(string eventId) => $"{Tag(eventId)}:event";

    /// <summary>Hash of attendee id → attendee JSON.</summary>
    public static RedisKey Attendees(string eventId) => $"{Tag(eventId)}:attendees";

    /// <summary>Sessions an attendee holds a seat or waitlist place in.</summary>
    public static RedisKey AttendeeSessions(string eventId, string attendeeId) => $"{Tag(eventId)}:attendee:{attendeeId}:sessions";

    /// <summary>Sorted set of confirmed attendees, scored by registration order.</summary>
    public static RedisKey SessionSeats(string eventId, string sessionId) => $"{Tag(eventId)}:session:{sessionId}:seats";

    /// <summary>Sorted set of waiting attendees, scored by registration order.</summary>
    public static RedisKey SessionWaitlist(string eventId, string sessionId) => $"{Tag(eventId)}:session:{sessionId}:waitlist";

    /// <summary>Counter that orders registrations of the event.</summary>
    public static RedisKey RegistrationSequence(string eventId) => $"{Tag(eventId)}:registrations:seq";

    /// <summary>Hash of invitation code hash (SHA-256, hex) → 1: the codes issued; the codes themselves are never stored.</summary>
    public static RedisKey Invitations(string eventId) => $"{Tag(eventId)}:admission:invitations";

    /// <summary>Hash of invitation code hash → when it was used (Unix ms).</summary>
    public static RedisKey InvitationsUsed(string eventId) => $"{Tag(eventId)}:admission:invitations:used";

    /// <summary>Hash of ticket id (upper case) → ticket JSON.</summary>
    public static RedisKey Tickets(string eventId) => $"{Tag(eventId)}:admission:tickets";

    /// <summary>Hash of ticket id → when it registered an attendee (Unix ms).</summary>
    public static RedisKey TicketsUsed(string eventId) => $"{Tag(eventId)}:admission:tickets:used";

    /// <summary>Hash of poll id → definition JSON.</summary>
    public static RedisKey Polls(string eventId) => $"{Tag(eventId)}:polls";

    /// <summary>Hash: status, version, voters, openedAt, closesAt, closedAt.</summary>
    public static RedisKey PollState(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:state";

    /// <summary>Hash of field (option index, rating value or normalised word) → count.</summary>
    public static RedisKey PollCounts(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:counts";

    /// <summary>Hash of voter → ballot; never written for anonymous polls.</summary>
    public static RedisKey PollBallots(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:ballots";

    /// <summary>Set of voters of an anonymous poll: that they voted, not what.</summary>
    public static RedisKey PollVoted(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:voted";

    /// <summary>Short-lived claim of the right to push the poll's results (cluster-wide rate bound).</summary>
    public static RedisKey PollPushClaim(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:push";

    /// <summary>The poll results version that went out last (string), so that no node pushes it again.</summary>
    public static RedisKey PollPushed(string eventId, string pollId) => $"{Tag(eventId)}:poll:{pollId}:pushed";

    /// <summary>Hash of attendee id → matchmaking profile JSON.</summary>
    public static RedisKey MatchmakingProfiles(string eventId) => $"{Tag(eventId)}:mm:profiles";

    /// <summary>Hash of meeting id → meeting JSON as requested (its status lives in <see cref="MeetingStates"/>).</summary>
    public static RedisKey Meetings(string eventId) => $"{Tag(eventId)}:mm:meetings";

    /// <summary>Hash of meeting id → "status|version|updatedAt (unix ms)".</summary>
    public static RedisKey MeetingStates(string eventId) => $"{Tag(eventId)}:mm:meeting-states";

    /// <summary>Hash of slot start (unix ms) → the meeting holding the attendee's slot.</summary>
    public static RedisKey MeetingSlots(string eventId, string attendeeId) => $"{Tag(eventId)}:mm:attendee:{attendeeId}:slots";

    /// <summary>Set of the attendee's meeting ids.</summary>
    public static RedisKey AttendeeMeetings(string eventId, string attendeeId) => $"{Tag(eventId)}:mm:attendee:{attendeeId}:meetings";

    /// <summary>Sorted set of the event's requested meetings, scored by when each expires (unix ms).</summary>
    public static RedisKey OpenMeetingRequests(string eventId) => $"{Tag(eventId)}:mm:open-requests";

    /// <summary>Sorted set of the requests the attendee sent that await an answer, scored by when each expires (unix ms).</summary>
    public static RedisKey PendingMeetingRequests(string eventId, string attendeeId) => $"{Tag(eventId)}:mm:attendee:{attendeeId}:pending";

    /// <summary>Short-lived claim of the right to push a bar's table changes (cluster-wide rate bound).</summary>
    public static RedisKey BarPushClaim(string eventId, string barId) => $"{Tag(eventId)}:bar:{barId}:push";

    /// <summary>Sorted set: times (Unix ms) of the permits an attendee took under a rate limit rule.</summary>
    public static RedisKey RateLimit(string eventId, string rule, string attendeeId) => $"{Tag(eventId)}:ratelimit:{rule}:{attendeeId}";

    /// <summary>
    /// Glob matching every rate-limit key of the attendee in the event (an erasure), or <c>null</c> for an id that is not
    /// an <see cref="EventIds"/> id: such an id could carry glob characters, and what matches is deleted.
    /// </summary>
    public static RedisValue? RateLimitPattern(string eventId, string attendeeId) =>
        EventIds.IsValid(attendeeId) ? (RedisValue)$"{Tag(eventId)}:ratelimit:*:{attendeeId}" : (RedisValue?)null;

    /// <summary>Set of the event's chat room ids (for an attendee's erasure).</summary>
    public static RedisKey ChatRooms(string eventId) => $"{Tag(eventId)}:chat:rooms";

    /// <summary>Hash: seq (last line id), version.</summary>
    public static RedisKey ChatMeta(string eventId, string roomId) => $"{Tag(eventId)}:chat:{roomId}:meta";

    /// <summary>Hash of line id → line JSON, capped to the last lines.</summary>
    public static RedisKey ChatLines(string eventId, string roomId) => $"{Tag(eventId)}:chat:{roomId}:lines";

    /// <summary>Hash of muted attendee → end of the mute (Unix ms).</summary>
    public static RedisKey ChatMutes(string eventId, string roomId) => $"{Tag(eventId)}:chat:{roomId}:mutes";

    /// <summary>
    /// Prefix of every presence key of the event (rooms, node and grace indexes, exclusive scopes); the presence
    /// scripts append the rest in one place, <see cref="RedisPresenceScripts"/>.
    /// </summary>
    public static RedisKey PresencePrefix(string eventId) => $"{Tag(eventId)}:presence:";

    /// <summary>Set of event ids that have had presence: where the presence reaper looks. Outside any hash tag.</summary>
    public static RedisKey PresenceEvents => Prefix + "presence:events";

    /// <summary>Hash: version, json (what moderators set on a stage).</summary>
    public static RedisKey StageState(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:state";

    /// <summary>Short-lived claim of the right to push a stage counter (cluster-wide rate bound).</summary>
    public static RedisKey StagePushClaim(string eventId, string sessionId, string channel) => $"{Tag(eventId)}:stage:{sessionId}:push:{channel}";

    /// <summary>The last version of a stage counter that was pushed.</summary>
    public static RedisKey StagePushed(string eventId, string sessionId, string channel) => $"{Tag(eventId)}:stage:{sessionId}:pushed:{channel}";

    /// <summary>Hash of reaction → total on the stage.</summary>
    public static RedisKey ReactionTotals(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:reactions";

    /// <summary>Hash of reaction → total at the last push (the next window is the difference).</summary>
    public static RedisKey ReactionPushed(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:reactions:pushed";

    public static RedisKey ReactionPushClaim(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:reactions:push";

    /// <summary>Counter of reaction windows pushed.</summary>
    public static RedisKey ReactionWindows(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:reactions:windows";

    /// <summary>Set of stage sessions that have questions (for an attendee's erasure).</summary>
    public static RedisKey QuestionStages(string eventId) => $"{Tag(eventId)}:questions:stages";

    /// <summary>Sorted set of question ids in asking order.</summary>
    public static RedisKey Questions(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:questions";

    public static RedisKey QuestionSequence(string eventId, string sessionId) => $"{Tag(eventId)}:stage:{sessionId}:questions:seq";

    /// <summary>Hash: id, status, pinned, votes, version, askerId, askerName, anonymous, text, askedAt.</summary>
    public static RedisKey Question(string eventId, string sessionId, string questionId) => $"{Tag(eventId)}:stage:{sessionId}:question:{questionId}";

    /// <summary>Set of attendees who upvoted the question.</summary>
    public static RedisKey QuestionVoters(string eventId, string sessionId, string questionId) => $"{Tag(eventId)}:stage:{sessionId}:question:{questionId}:voters";

    /// <summary>Sorted set of a breakout's raised hands, scored by raise order.</summary>
    public static RedisKey BreakoutHands(string eventId, string sessionId) => $"{Tag(eventId)}:breakout:{sessionId}:hands";

    /// <summary>Counter: version of a breakout's raised-hands queue.</summary>
    public static RedisKey BreakoutHandsVersion(string eventId, string sessionId) => $"{Tag(eventId)}:breakout:{sessionId}:hands:version";

    /// <summary>Hash of session id → external video link.</summary>
    public static RedisKey BreakoutVideoUrls(string eventId) => $"{Tag(eventId)}:breakouts:video";

    /// <summary>Set of the registration-only breakouts a moderator moved the attendee into.</summary>
    public static RedisKey BreakoutAdmissions(string eventId, string attendeeId) => $"{Tag(eventId)}:breakouts:admitted:{attendeeId}";

    /// <summary>The closing deadline of the event's breakouts (Unix ms), while a countdown runs.</summary>
    public static RedisKey BreakoutsClosing(string eventId) => $"{Tag(eventId)}:breakouts:closing";

    /// <summary>Hash of device id → signed-in device JSON.</summary>
    public static RedisKey Devices(string eventId) => $"{Tag(eventId)}:devices";

    /// <summary>Hash of device id → SHA-256 of its current refresh token.</summary>
    public static RedisKey DeviceSecrets(string eventId) => $"{Tag(eventId)}:devices:secrets";

    /// <summary>Set of the device ids of one attendee or person.</summary>
    public static RedisKey DevicesOf(string eventId, string subject) => $"{Tag(eventId)}:devices:of:{subject}";

    /// <summary>Hash of SHA-256 of a personal sign-in code → owner JSON.</summary>
    public static RedisKey SignInCodes(string eventId) => $"{Tag(eventId)}:sign-in-codes";

    /// <summary>Hash of subject → SHA-256 of their current sign-in code (to replace or erase it).</summary>
    public static RedisKey SignInCodeOf(string eventId) => $"{Tag(eventId)}:sign-in-codes:of";

    /// <summary>Unix ms up to which every token of the event is revoked (its purge); expires with the last such token.</summary>
    public static RedisKey EventRevoked(string eventId) => $"{Tag(eventId)}:revoked";

    /// <summary>
    /// Unix ms up to which a subject's tokens are revoked. Named by the subject's keyed pseudonym: it outlives the
    /// erasure that wrote it, and an erased attendee's id is in no key afterwards.
    /// </summary>
    public static RedisKey SubjectRevoked(string eventId, string pseudonym) => $"{Tag(eventId)}:revoked:subject:{pseudonym}";

    /// <summary>Unix ms up to which a device's tokens are revoked.</summary>
    public static RedisKey DeviceRevoked(string eventId, string deviceId) => $"{Tag(eventId)}:revoked:device:{deviceId}";

    /// <summary>Sorted set of the event's audit log: members <c>{sequence}:{entry JSON}</c> scored by sequence.</summary>
    public static RedisKey AuditEntries(string eventId) => $"{Tag(eventId)}:audit";

    /// <summary>Counter that numbers the event's audit entries.</summary>
    public static RedisKey AuditSequence(string eventId) => $"{Tag(eventId)}:audit:seq";

    /// <summary>Hash of organizer id → the event's team role JSON.</summary>
    public static RedisKey Team(string eventId) => $"{Tag(eventId)}:team";

    /// <summary>Hash of organizer id → account JSON (with the secret's hash); like <see cref="Events"/>, outside any event's tag.</summary>
    public static RedisKey OrganizerAccounts => Prefix + "organizers";

    /// <summary>
    /// Every event key starts here, so no key, pattern or script key is ever built from an event id of the wrong
    /// shape (a second line of defence: entry points refuse such ids first, with <c>invalid_argument</c>).
    /// </summary>
    private static string Tag(string eventId) =>
        EventIds.IsKeySafe(eventId)
            ? Prefix + "{" + eventId + "}"
            : throw new ArgumentException($"Event id is not a valid id ({EventIds.Rule}); no Redis key is built from it.", nameof(eventId));
}

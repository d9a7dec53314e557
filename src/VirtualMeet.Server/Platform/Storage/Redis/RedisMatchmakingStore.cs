using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Matchmaking;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Matchmaking in Redis: profiles in one hash per event, meetings as requested in another, their changing state
/// ("status|version|updatedAt") in a third, and per attendee a slot hash that the request script fills for both
/// sides at once (<see cref="RedisMatchmakingScripts"/>). Requests awaiting an answer are also scored by their
/// deadline, per event and per requester, so the booking script frees overdue holds and counts the requester's
/// pending requests in the same step. Every key sits under the event's hash tag.
/// </summary>
internal sealed class RedisMatchmakingStore(RedisStoreDatabase redis) : IMatchmakingStore
{
    public Task SaveProfileAsync(MatchmakingProfile profile, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.HashSetAsync(RedisKeys.MatchmakingProfiles(profile.EventId), profile.AttendeeId, RedisJson.Serialize(profile)));

    public async Task<MatchmakingProfile?> GetProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<MatchmakingProfile>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.MatchmakingProfiles(eventId), attendeeId)));

    public async Task<IReadOnlyList<MatchmakingProfile>> ListProfilesAsync(string eventId, CancellationToken cancellationToken) =>
        (await redis.Idempotent(db => db.HashValuesAsync(RedisKeys.MatchmakingProfiles(eventId))))
            .Select(v => RedisJson.Deserialize<MatchmakingProfile>(v))
            .OfType<MatchmakingProfile>()
            .ToList();

    public async Task<Booking> RequestAsync(MeetingRecord meeting, int maxPending, CancellationToken cancellationToken)
    {
        var eventId = meeting.EventId;
        // Once: a second run would find both slots taken by this very meeting and answer "busy".
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisMatchmakingScripts.Request,
            [
                RedisKeys.MeetingSlots(eventId, meeting.RequesterId),
                RedisKeys.MeetingSlots(eventId, meeting.InviteeId),
                RedisKeys.Meetings(eventId),
                RedisKeys.MeetingStates(eventId),
                RedisKeys.AttendeeMeetings(eventId, meeting.RequesterId),
                RedisKeys.AttendeeMeetings(eventId, meeting.InviteeId),
                RedisKeys.OpenMeetingRequests(eventId),
                RedisKeys.PendingMeetingRequests(eventId, meeting.RequesterId),
            ],
            [
                Millis(meeting.SlotStartsAt),
                meeting.Id,
                RedisJson.Serialize(meeting),
                State(meeting.Status, meeting.Version, meeting.CreatedAt),
                Millis(meeting.CreatedAt),
                Millis(meeting.ExpiresAt),
                maxPending,
            ])))!;
        var pending = result.Length > 1 ? (int)(long)result[1] : 0;
        return (long)result[0] switch
        {
            0 => new Booking(BookingStatus.Booked, pending),
            1 => new Booking(BookingStatus.RequesterBusy, pending),
            2 => new Booking(BookingStatus.InviteeBusy, pending),
            _ => new Booking(BookingStatus.TooManyPending, pending),
        };
    }

    public async Task<MeetingRecord?> GetMeetingAsync(string eventId, string meetingId, CancellationToken cancellationToken)
    {
        var (json, state) = await redis.Idempotent(async db =>
        {
            var json = db.HashGetAsync(RedisKeys.Meetings(eventId), meetingId);
            var state = db.HashGetAsync(RedisKeys.MeetingStates(eventId), meetingId);
            return (await json, await state);
        });
        return Compose(json, state);
    }

    public async Task<IReadOnlyList<MeetingRecord>> ListMeetingsAsync(string eventId, string? attendeeId, CancellationToken cancellationToken)
    {
        RedisValue[] ids = await redis.Idempotent(db => attendeeId is null
            ? db.HashKeysAsync(RedisKeys.Meetings(eventId))
            : db.SetMembersAsync(RedisKeys.AttendeeMeetings(eventId, attendeeId)));
        if (ids.Length == 0)
            return [];

        var (jsonValues, stateValues) = await redis.Idempotent(async db =>
        {
            var json = db.HashGetAsync(RedisKeys.Meetings(eventId), ids);
            var states = db.HashGetAsync(RedisKeys.MeetingStates(eventId), ids);
            return (await json, await states);
        });
        return jsonValues.Select((value, i) => Compose(value, stateValues[i])).OfType<MeetingRecord>().ToList();
    }

    public async Task<(MeetingChange Change, MeetingRecord? Meeting)> TransitionAsync(
        string eventId, string meetingId, IReadOnlyCollection<MeetingStatus> from, MeetingStatus to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meeting = RedisJson.Deserialize<MeetingRecord>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Meetings(eventId), meetingId)));
        if (meeting is null)
            return (MeetingChange.NotFound, null);

        var frees = to is not (MeetingStatus.Requested or MeetingStatus.Accepted);
        // Once: a transition bumps the meeting's version and may free slots.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisMatchmakingScripts.Transition,
            [
                RedisKeys.MeetingStates(eventId),
                RedisKeys.MeetingSlots(eventId, meeting.RequesterId),
                RedisKeys.MeetingSlots(eventId, meeting.InviteeId),
                RedisKeys.OpenMeetingRequests(eventId),
                RedisKeys.PendingMeetingRequests(eventId, meeting.RequesterId),
            ],
            [
                meetingId,
                "," + string.Join(",", from.Select(Name)) + ",",
                Name(to),
                frees ? "1" : "0",
                Millis(meeting.SlotStartsAt),
                Millis(now),
                Millis(meeting.ExpiresAt),
            ])))!;
        return (long)result[0] switch
        {
            0 => (MeetingChange.NotFound, null),
            1 => (MeetingChange.Refused, WithState(meeting, (string)result[1]!)),
            _ => (MeetingChange.Changed, WithState(meeting, (string)result[1]!)),
        };
    }

    public async Task<IReadOnlyList<MeetingRecord>> RemoveAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        await redis.Idempotent(db => db.HashDeleteAsync(RedisKeys.MatchmakingProfiles(eventId), attendeeId));
        var meetings = await ListMeetingsAsync(eventId, attendeeId, cancellationToken);
        foreach (var meeting in meetings)
        {
            // Idempotent by design: a second run deletes nothing and frees a slot only if it still holds this meeting.
            await redis.Idempotent(db => db.ScriptEvaluateAsync(
                RedisMatchmakingScripts.Delete,
                [
                    RedisKeys.Meetings(eventId),
                    RedisKeys.MeetingStates(eventId),
                    RedisKeys.MeetingSlots(eventId, meeting.RequesterId),
                    RedisKeys.MeetingSlots(eventId, meeting.InviteeId),
                    RedisKeys.AttendeeMeetings(eventId, meeting.RequesterId),
                    RedisKeys.AttendeeMeetings(eventId, meeting.InviteeId),
                    RedisKeys.OpenMeetingRequests(eventId),
                    RedisKeys.PendingMeetingRequests(eventId, meeting.RequesterId),
                ],
                [meeting.Id, Millis(meeting.SlotStartsAt)]));
        }

        // Emptied by the deletes above; removed outright so that no key is named after the attendee even if one held
        // an entry no meeting points at any more.
        await redis.Idempotent(db => db.KeyDeleteAsync(
        [
            RedisKeys.MeetingSlots(eventId, attendeeId),
            RedisKeys.AttendeeMeetings(eventId, attendeeId),
            RedisKeys.PendingMeetingRequests(eventId, attendeeId),
        ]));
        return meetings;
    }

    private static MeetingRecord? Compose(RedisValue json, RedisValue state)
    {
        var meeting = RedisJson.Deserialize<MeetingRecord>(json);
        return meeting is null || state.IsNull ? null : WithState(meeting, state!);
    }

    private static MeetingRecord WithState(MeetingRecord meeting, string state)
    {
        var parts = state.Split('|');
        return meeting with
        {
            Status = Enum.GetValues<MeetingStatus>().First(s => Name(s) == parts[0]),
            Version = long.Parse(parts[1], CultureInfo.InvariantCulture),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture)),
        };
    }

    private static string State(MeetingStatus status, long version, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{Name(status)}|{version}|{at.ToUnixTimeMilliseconds()}");

    private static string Name(MeetingStatus status) => status.ToString().ToLowerInvariant();

    private static string Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}

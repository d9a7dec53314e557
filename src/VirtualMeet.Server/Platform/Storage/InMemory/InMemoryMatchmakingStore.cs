using System.Collections.Concurrent;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Networking.Matchmaking;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// One lock per event makes "both slots free? reserve both, store the meeting" a single step, like the Lua script
/// of the Redis store; events never contend.
/// </summary>
internal sealed class InMemoryMatchmakingStore : IMatchmakingStore, IEventScopedData
{
    private readonly ConcurrentDictionary<string, EventMatchmaking> _events = new();

    public Task SaveProfileAsync(MatchmakingProfile profile, CancellationToken cancellationToken)
    {
        var data = Of(profile.EventId);
        lock (data)
            data.Profiles[profile.AttendeeId] = profile;
        return Task.CompletedTask;
    }

    public Task<MatchmakingProfile?> GetProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
            return Task.FromResult(data.Profiles.GetValueOrDefault(attendeeId));
    }

    public Task<IReadOnlyList<MatchmakingProfile>> ListProfilesAsync(string eventId, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
            return Task.FromResult<IReadOnlyList<MatchmakingProfile>>([.. data.Profiles.Values]);
    }

    public Task<Booking> RequestAsync(MeetingRecord meeting, int maxPending, CancellationToken cancellationToken)
    {
        var data = Of(meeting.EventId);
        var now = meeting.CreatedAt;
        lock (data)
        {
            if (Holds(data, meeting.RequesterId, meeting.SlotStartsAt, now))
                return Task.FromResult(new Booking(BookingStatus.RequesterBusy, 0));
            if (Holds(data, meeting.InviteeId, meeting.SlotStartsAt, now))
                return Task.FromResult(new Booking(BookingStatus.InviteeBusy, 0));
            var pending = data.Meetings.Values.Count(m =>
                m.RequesterId == meeting.RequesterId && m.Status == MeetingStatus.Requested && !m.IsOverdue(now));
            if (pending >= maxPending)
                return Task.FromResult(new Booking(BookingStatus.TooManyPending, pending));

            data.Slots[(meeting.RequesterId, meeting.SlotStartsAt)] = meeting.Id;
            data.Slots[(meeting.InviteeId, meeting.SlotStartsAt)] = meeting.Id;
            data.Meetings[meeting.Id] = meeting;
            return Task.FromResult(new Booking(BookingStatus.Booked, pending + 1));
        }
    }

    public Task<MeetingRecord?> GetMeetingAsync(string eventId, string meetingId, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
            return Task.FromResult(data.Meetings.GetValueOrDefault(meetingId));
    }

    public Task<IReadOnlyList<MeetingRecord>> ListMeetingsAsync(string eventId, string? attendeeId, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
            return Task.FromResult<IReadOnlyList<MeetingRecord>>(
                [.. data.Meetings.Values.Where(m => attendeeId is null || m.Involves(attendeeId))]);
    }

    public Task<(MeetingChange Change, MeetingRecord? Meeting)> TransitionAsync(
        string eventId, string meetingId, IReadOnlyCollection<MeetingStatus> from, MeetingStatus to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
        {
            if (!data.Meetings.TryGetValue(meetingId, out var meeting))
                return Task.FromResult<(MeetingChange, MeetingRecord?)>((MeetingChange.NotFound, null));
            if (!from.Contains(meeting.Status) || !meeting.MayBecome(to, now))
                return Task.FromResult<(MeetingChange, MeetingRecord?)>((MeetingChange.Refused, meeting));

            var changed = meeting with { Status = to, Version = meeting.Version + 1, UpdatedAt = now };
            data.Meetings[meetingId] = changed;
            if (!changed.HoldsSlot)
                FreeSlots(data, changed);
            return Task.FromResult<(MeetingChange, MeetingRecord?)>((MeetingChange.Changed, changed));
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        _events.TryRemove(eventId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MeetingRecord>> RemoveAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var data = Of(eventId);
        lock (data)
        {
            data.Profiles.Remove(attendeeId);
            var meetings = data.Meetings.Values.Where(m => m.Involves(attendeeId)).ToList();
            foreach (var meeting in meetings)
            {
                FreeSlots(data, meeting);
                data.Meetings.Remove(meeting.Id);
            }

            return Task.FromResult<IReadOnlyList<MeetingRecord>>(meetings);
        }
    }

    /// <summary>The attendee's slot is held by a meeting other than an overdue request.</summary>
    private static bool Holds(EventMatchmaking data, string attendeeId, DateTimeOffset slot, DateTimeOffset now) =>
        data.Slots.TryGetValue((attendeeId, slot), out var holder) && data.Meetings.GetValueOrDefault(holder)?.IsOverdue(now) == false;

    private static void FreeSlots(EventMatchmaking data, MeetingRecord meeting)
    {
        foreach (var attendee in new[] { meeting.RequesterId, meeting.InviteeId })
        {
            if (data.Slots.TryGetValue((attendee, meeting.SlotStartsAt), out var holder) && holder == meeting.Id)
                data.Slots.Remove((attendee, meeting.SlotStartsAt));
        }
    }

    private EventMatchmaking Of(string eventId) => _events.GetOrAdd(eventId, _ => new EventMatchmaking());

    private sealed class EventMatchmaking
    {
        public Dictionary<string, MatchmakingProfile> Profiles { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, MeetingRecord> Meetings { get; } = new(StringComparer.Ordinal);

        /// <summary>(attendee, slot start) → the meeting holding it.</summary>
        public Dictionary<(string AttendeeId, DateTimeOffset SlotStartsAt), string> Slots { get; } = [];
    }
}

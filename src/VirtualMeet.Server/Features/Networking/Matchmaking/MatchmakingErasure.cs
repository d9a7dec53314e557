using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// An attendee's erasure in matchmaking: their profile and every meeting with them go (the store frees the other
/// side's slots), and whoever still had a live request or meeting with them hears <c>MeetingUpdated</c> with status
/// <c>cancelled</c>, as if it had been withdrawn. The push names the erased side by neither id nor name.
/// </summary>
internal sealed partial class MatchmakingErasure(
    IMatchmakingStore store,
    IMeetingNotifier notifier,
    TimeProvider time,
    ILogger<MatchmakingErasure> logger) : IAttendeeScopedData
{
    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveAttendeeAsync(eventId, attendeeId, cancellationToken);
        var names = MatchmakingViews.NamesOf(await store.ListProfilesAsync(eventId, cancellationToken));
        var now = time.GetUtcNow();
        // Only what still held both slots: a declined, cancelled or expired meeting changes nothing on the other screen.
        foreach (var meeting in removed.Where(m => m.AsOf(now).HoldsSlot && m.SlotEndsAt > now))
        {
            var cancelled = meeting with { Status = MeetingStatus.Cancelled, Version = meeting.Version + 1, UpdatedAt = now };
            var view = MatchmakingViews.Meeting(cancelled, names);
            view = meeting.RequesterId == attendeeId
                ? view with { RequesterId = "", RequesterName = "" }
                : view with { InviteeId = "", InviteeName = "" };
            await notifier.ChangedAsync(cancelled, view);
        }

        LogErased(eventId, attendeeId, removed.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} erased from matchmaking of event {EventId}; {MeetingCount} meetings removed")]
    private partial void LogErased(string eventId, string attendeeId, int meetingCount);
}

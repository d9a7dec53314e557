using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// Tells both sides of a meeting about it on <c>/hubs/bar</c>, user-targeted, so every tab on every node hears it,
/// and has its private table appear when the slot starts. Delivery is at most once: the meetings list
/// (<c>GET .../matchmaking/meetings</c>) is the state to resync from.
/// </summary>
internal sealed partial class BarMeetingNotifier(
    IHubContext<BarsHub, IBarsClient> hub,
    MeetingTableAnnouncer tables,
    ILogger<BarMeetingNotifier> logger) : IMeetingNotifier
{
    public Task RequestedAsync(MeetingView meeting) =>
        SendAsync(meeting, (client, view) => client.MeetingRequested(view));

    public Task ChangedAsync(MeetingRecord meeting, MeetingView view)
    {
        tables.Changed(meeting);
        return SendAsync(view, (client, v) => client.MeetingUpdated(v));
    }

    private async Task SendAsync(MeetingView meeting, Func<IBarsClient, MeetingView, Task> send)
    {
        try
        {
            await send(hub.Clients.Users(meeting.RequesterId, meeting.InviteeId), meeting);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is stored; a lost push is repaired by the client's next read of its meetings.
            LogPushFailed(e, meeting.EventId, meeting.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing meeting {MeetingId} of event {EventId} failed")]
    private partial void LogPushFailed(Exception exception, string eventId, string meetingId);
}

using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bar;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Bar;

namespace VirtualMeet.Server.Matchmaking;

/// <summary>
/// Tells both sides of a meeting about it on <c>/hubs/bar</c>, user-targeted, so every tab on every node hears it.
/// Delivery is at most once: the meetings list (<c>GET .../matchmaking/meetings</c>) is the state to resync from.
/// </summary>
internal sealed partial class MeetingNotifier(IHubContext<BarHub, IBarClient> hub, ILogger<MeetingNotifier> logger)
{
    public Task RequestedAsync(MeetingView meeting) =>
        SendAsync(meeting, (client, view) => client.MeetingRequested(view));

    public Task UpdatedAsync(MeetingView meeting) =>
        SendAsync(meeting, (client, view) => client.MeetingUpdated(view));

    private async Task SendAsync(MeetingView meeting, Func<IBarClient, MeetingView, Task> send)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing meeting {MeetingId} of event {ConferenceId} failed")]
    private partial void LogPushFailed(Exception exception, string conferenceId, string meetingId);
}

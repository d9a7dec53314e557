using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Viewers as presence seats in room <c>stage:{sessionId}</c>: one seat per attendee however many tabs, shared by all
/// nodes, freed by the presence reaper when a node dies. Stages are large, so only counts are read.
/// </summary>
internal sealed class PresenceStageViewers(IPresenceStore presence, ClusterNode node, TimeProvider time) : IStageViewers
{
    public async Task<ViewerCountUpdate> JoinAsync(StageCaller caller, string connectionId, CancellationToken cancellationToken)
    {
        var join = new PresenceJoin(caller.UserId, caller.Name, caller.Role, connectionId, node.Id, time.GetUtcNow(), IncludeMembers: false);
        var result = await presence.JoinAsync(Room(caller.EventId, caller.SessionId), join, cancellationToken);
        return new ViewerCountUpdate(caller.SessionId, result.Version, result.Count);
    }

    public Task LeaveAsync(string eventId, string sessionId, string connectionId, CancellationToken cancellationToken) =>
        presence.LeaveAsync(Room(eventId, sessionId), connectionId, cancellationToken);

    public async Task<ViewerCountUpdate> CountAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        var count = await presence.CountAsync(Room(eventId, sessionId), cancellationToken);
        return new ViewerCountUpdate(sessionId, count.Version, count.Count);
    }

    private static PresenceRoom Room(string eventId, string sessionId) => new(eventId, StageGroups.Room(sessionId));
}

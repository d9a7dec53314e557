using VirtualMeet.Contracts.Stage;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>Who watches a stage, across all nodes: a viewer is an attendee, however many tabs they have open.</summary>
internal interface IStageViewers
{
    /// <summary>Counts the attendee in over this connection; returns the count after it.</summary>
    Task<ViewerCountUpdate> JoinAsync(StageCaller caller, string connectionId, CancellationToken cancellationToken);

    Task LeaveAsync(string eventId, string sessionId, string connectionId, CancellationToken cancellationToken);

    Task<ViewerCountUpdate> CountAsync(string eventId, string sessionId, CancellationToken cancellationToken);
}

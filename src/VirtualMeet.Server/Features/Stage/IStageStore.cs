using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// What moderators set on a stage. A stage nobody changed has no record (its defaults come from the agenda).
/// Changes are compare-and-set on the version, so two moderators on two nodes never overwrite each other unseen.
/// Also the cluster-wide push claims that bound the viewer-count rate.
/// </summary>
internal interface IStageStore
{
    Task<StageRecord?> GetAsync(string eventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="next"/> if the stored version is still <paramref name="expectedVersion"/> (0 = none yet).</summary>
    Task<bool> TrySetAsync(string eventId, string sessionId, long expectedVersion, StageRecord next, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to push <paramref name="version"/> of a counter (<paramref name="channel"/>) for the next
    /// <paramref name="interval"/>, cluster-wide: refused while another claim runs (<see cref="PushClaim.Busy"/>)
    /// or when that version or a newer one went out already.
    /// </summary>
    Task<PushClaim> TryClaimPushAsync(string eventId, string sessionId, string channel, long version, TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>The stage as stored; <see cref="Version"/> is raised by every change.</summary>
internal sealed record StageRecord(
    long Version,
    StageStatus Status,
    IReadOnlyList<StreamSource> Sources,
    string? Speaker,
    string? Title,
    DateTimeOffset? StartsAt,
    string? ReplayUrl,
    bool PreModeration);

using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// Polls of an event: definitions, lifecycle, the one-ballot-per-voter rule and aggregated counts. A vote is
/// one atomic step (still open? first ballot? count it, bump the version), so any number of nodes can take
/// votes for the same poll. Counts are kept per "field": an option index, a rating value or a normalised word.
/// </summary>
internal interface IPollStore
{
    /// <summary>Adds a poll in draft; <c>false</c> when the id is taken.</summary>
    Task<bool> CreateAsync(PollDefinition poll, CancellationToken cancellationToken);

    Task<PollDefinition?> GetAsync(string eventId, string pollId, CancellationToken cancellationToken);

    /// <summary>Every poll of the event, oldest first.</summary>
    Task<IReadOnlyList<PollDefinition>> ListAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Draft → open. Opening an open poll changes nothing; a closed poll stays closed.</summary>
    Task<PollTransition> OpenAsync(string eventId, string pollId, DateTimeOffset now, DateTimeOffset? closesAt, CancellationToken cancellationToken);

    /// <summary>
    /// Open → closed. Idempotent: exactly one caller (of all nodes) gets <see cref="TransitionStatus.Changed"/>,
    /// so the close is announced once.
    /// </summary>
    Task<PollTransition> CloseAsync(string eventId, string pollId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<VoteResult> VoteAsync(string eventId, string pollId, VoteCast vote, CancellationToken cancellationToken);

    /// <summary>Lifecycle and counts of one moment; <c>null</c> for an unknown poll.</summary>
    Task<PollTally?> GetTallyAsync(string eventId, string pollId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to push the poll's current results for <paramref name="interval"/>, cluster-wide, so that
    /// all nodes together stay within the push rate and no version of the results goes out twice:
    /// <see cref="PushClaim.AlreadyPushed"/> when the current version went out already, <see cref="PushClaim.Busy"/>
    /// while another claim runs, and <see cref="PushClaim.AlreadyPushed"/> for an unknown poll.
    /// </summary>
    Task<PushClaim> TryClaimPushAsync(string eventId, string pollId, TimeSpan interval, CancellationToken cancellationToken);
}

internal enum BallotRetention
{
    /// <summary>One ballot, kept with the voter so nothing else is needed to refuse a second one.</summary>
    Once,

    /// <summary>The ballot is kept with the voter so a new one can take back its counts.</summary>
    Changeable,

    /// <summary>Only the fact that the voter voted is kept.</summary>
    MarkerOnly,
}

/// <param name="Fields">What to count: option indexes, a rating value or a normalised word; distinct.</param>
/// <param name="Now">Votes at or after the poll's <c>closesAt</c> are refused even if no node closed it yet.</param>
internal sealed record VoteCast(string VoterId, IReadOnlyList<string> Fields, BallotRetention Retention, DateTimeOffset Now);

internal enum VoteStatus
{
    Counted,
    Changed,
    AlreadyVoted,
    NotOpen,
    NotFound,
}

internal sealed record VoteResult(VoteStatus Status, long Version);

internal enum TransitionStatus
{
    Changed,
    Unchanged,
    Refused,
    NotFound,
}

internal sealed record PollTransition(TransitionStatus Status, PollLifecycle? Lifecycle);

internal sealed record PollLifecycle(
    PollStatus Status,
    long Version,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt)
{
    public static PollLifecycle Draft { get; } = new(PollStatus.Draft, 0, null, null, null);

    /// <summary>An open poll past its <c>closesAt</c> takes no votes even before a node records the close.</summary>
    public bool IsAcceptingVotes(DateTimeOffset now) => Status == PollStatus.Open && (ClosesAt is null || now < ClosesAt);
}

internal sealed record PollTally(PollLifecycle Lifecycle, long Voters, IReadOnlyDictionary<string, long> Counts);

using VirtualMeet.Contracts.Polls;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>The immutable part of a poll, fixed at creation. Lifecycle and counts live beside it in the store.</summary>
internal sealed record PollDefinition(
    string Id,
    string EventId,
    string? SessionId,
    PollText Question,
    PollKind Kind,
    IReadOnlyList<PollText> Options,
    int? MaxChoices,
    int? RatingMin,
    int? RatingMax,
    bool Anonymous,
    bool AllowChange,
    ResultsVisibility ResultsVisibility,
    TimeSpan? Duration,
    DateTimeOffset CreatedAt)
{
    public bool IsChoice => Kind is PollKind.SingleChoice or PollKind.MultipleChoice or PollKind.Pitch;

    /// <summary>How the store keeps a voter's ballot: anonymous polls keep only a marker, never the choice.</summary>
    public BallotRetention Retention =>
        Anonymous ? BallotRetention.MarkerOnly : AllowChange ? BallotRetention.Changeable : BallotRetention.Once;
}

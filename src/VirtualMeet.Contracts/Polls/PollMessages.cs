namespace VirtualMeet.Contracts.Polls;

/// <summary><c>POST /api/events/{eventId}/polls</c>: creates a poll in <c>draft</c>.</summary>
/// <param name="SessionId">The session the poll belongs to; <c>null</c> for the whole event.</param>
/// <param name="Options">Choices of single, multiple and pitch polls (2–64). A pitch poll without options gets one per pitch session.</param>
/// <param name="MaxChoices">How many options a multiple-choice ballot may pick (default: all).</param>
/// <param name="RatingMin">Lowest rating (default 1).</param>
/// <param name="RatingMax">Highest rating (default 5).</param>
/// <param name="Anonymous">Store only that someone voted, never what; cannot be combined with <paramref name="AllowChange"/>.</param>
/// <param name="AllowChange">A second ballot replaces the first instead of being refused.</param>
/// <param name="DurationSeconds">Closes the poll automatically this long after it opens.</param>
public sealed record CreatePollRequest(
    PollText Question,
    PollKind Kind,
    IReadOnlyList<PollText>? Options = null,
    string? SessionId = null,
    int? MaxChoices = null,
    int? RatingMin = null,
    int? RatingMax = null,
    bool Anonymous = false,
    bool AllowChange = false,
    ResultsVisibility ResultsVisibility = ResultsVisibility.Live,
    int? DurationSeconds = null);

/// <summary>A vote: <c>choices</c> (option indexes) for choice polls, <c>rating</c> or <c>text</c> (word cloud).</summary>
public sealed record Ballot(IReadOnlyList<int>? Choices = null, int? Rating = null, string? Text = null);

/// <summary>What <c>Vote</c> returns once the ballot is counted.</summary>
/// <param name="Changed">True when an earlier ballot of the caller was replaced (polls that allow changes).</param>
/// <param name="Version">The poll's version right after this ballot.</param>
public sealed record VoteReceipt(string PollId, bool Changed, long Version);

/// <summary>A poll's definition and lifecycle.</summary>
public sealed record PollView(
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
    PollStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt);

/// <summary>One option's (or rating value's) count.</summary>
/// <param name="Option">The option index, or the rating value for rating polls.</param>
public sealed record OptionCount(int Option, long Count);

/// <summary>A normalised word-cloud answer and how often it was given.</summary>
public sealed record WordCount(string Text, long Count);

/// <summary>
/// Aggregated results. <paramref name="Version"/> only grows: a client keeps the highest it has seen and
/// asks <c>Watch</c> again when it suspects a gap.
/// </summary>
/// <param name="Words">Word-cloud answers, most frequent first (top N).</param>
/// <param name="Winners">Pitch polls once closed: the option(s) with the most votes.</param>
public sealed record PollResultsView(
    string PollId,
    string EventId,
    long Version,
    PollStatus Status,
    long Voters,
    IReadOnlyList<OptionCount> Options,
    IReadOnlyList<WordCount>? Words = null,
    double? AverageRating = null,
    IReadOnlyList<int>? Winners = null);

/// <summary>A poll and, when they are visible to the reader, its results.</summary>
public sealed record PollState(PollView Poll, PollResultsView? Results, long Version);

/// <summary>What <c>Watch</c> returns: every open or closed poll of the scope.</summary>
public sealed record PollWatchSnapshot(string EventId, string? SessionId, IReadOnlyList<PollState> Polls);

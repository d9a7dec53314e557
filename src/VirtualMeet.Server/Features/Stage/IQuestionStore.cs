using VirtualMeet.Contracts.Stage;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Questions of a stage with their votes. Asking assigns an id; an upvote checks and records the voter in one
/// atomic step (one vote per attendee, whichever node takes it); every change raises the question's version.
/// </summary>
internal interface IQuestionStore
{
    /// <summary>Adds the question unless the stage holds <paramref name="maxQuestions"/> already (then <c>null</c>).</summary>
    Task<StoredQuestion?> AskAsync(string eventId, string sessionId, QuestionDraft draft, int maxQuestions, CancellationToken cancellationToken);

    Task<StoredQuestion?> GetAsync(string eventId, string sessionId, string questionId, CancellationToken cancellationToken);

    /// <summary>Every question of the stage in asking order.</summary>
    Task<IReadOnlyList<StoredQuestion>> ListAsync(string eventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the voter's vote unless they voted before, or the question is pending or hidden. The store remembers
    /// the voter only by pseudonym (<c>Pseudonyms</c>), so the vote stays counted and the voter cannot vote again
    /// after their erasure, while nothing in the voter set names them.
    /// </summary>
    Task<UpvoteResult> UpvoteAsync(string eventId, string sessionId, string questionId, string voterId, CancellationToken cancellationToken);

    /// <summary>Sets status and/or pin (null = unchanged) and raises the version; <c>null</c> for an unknown question.</summary>
    Task<StoredQuestion?> ModerateAsync(string eventId, string sessionId, string questionId, QuestionStatus? status, bool? pinned, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every question the attendee asked on any stage of the event, with its votes (an attendee's erasure),
    /// and returns them as they were, so the stage can tell its clients. Idempotent: a second run finds none.
    /// </summary>
    Task<IReadOnlyList<RemovedQuestion>> RemoveAskedByAsync(string eventId, string askerId, CancellationToken cancellationToken);
}

/// <summary>A question removed from the stage <paramref name="SessionId"/>, as it was just before.</summary>
internal sealed record RemovedQuestion(string SessionId, StoredQuestion Question);

internal sealed record QuestionDraft(string AskerId, string AskerName, bool Anonymous, string Text, DateTimeOffset AskedAt, QuestionStatus Status);

internal sealed record StoredQuestion(
    string Id,
    long Version,
    QuestionStatus Status,
    bool Pinned,
    long Votes,
    string AskerId,
    string AskerName,
    bool Anonymous,
    string Text,
    DateTimeOffset AskedAt)
{
    /// <summary>Whether attendees other than the asker see it.</summary>
    public bool IsPublic => Status is QuestionStatus.Approved or QuestionStatus.Answered;
}

internal enum UpvoteStatus
{
    Counted,
    AlreadyVoted,

    /// <summary>Unknown, or not open to votes (pending, hidden).</summary>
    NotFound,
}

internal sealed record UpvoteResult(UpvoteStatus Status, StoredQuestion? Question);

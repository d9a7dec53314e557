using VirtualMeet.Contracts.Chat;

namespace VirtualMeet.Contracts.Stage;

/// <summary>One stream of the stage: the original or an interpretation channel.</summary>
/// <param name="Language"><c>de</c>, <c>en</c>, ...: the language heard on this stream.</param>
/// <param name="Url">An HLS playlist or an embeddable player URL (http or https).</param>
/// <param name="Kind">A hint for the player, e.g. <c>hls</c> or <c>embed</c>.</param>
public sealed record StreamSource(string Language, string Url, string? Kind = null);

/// <summary>
/// <c>SetStage(sessionId, update)</c>: fields left null stay as they are; an empty <c>sources</c> list removes all.
/// </summary>
public sealed record StageUpdate(
    StageStatus? Status = null,
    IReadOnlyList<StreamSource>? Sources = null,
    string? Speaker = null,
    string? Title = null,
    DateTimeOffset? StartsAt = null,
    string? ReplayUrl = null,
    bool? PreModeration = null);

/// <summary>The stage as everyone on it sees it.</summary>
/// <param name="StartsAt">When the stage is planned to go live; with <c>serverTime</c> of the join, the countdown.</param>
/// <param name="ReplayUrl">Only once the stage has <c>ended</c>.</param>
/// <param name="PreModeration">Whether questions wait for a moderator's approval before others see them.</param>
public sealed record StageView(
    string SessionId,
    long Version,
    StageStatus Status,
    IReadOnlyList<StreamSource> Sources,
    string? Speaker,
    string Title,
    DateTimeOffset StartsAt,
    string? ReplayUrl,
    bool PreModeration);

/// <summary>The answer of <c>JoinStage</c>: everything needed to render the stage, each part with its version.</summary>
/// <param name="DefaultLanguage">The stream language to start with: the caller's language when a stream has it.</param>
/// <param name="ServerTime">The server's clock, to count down to <c>stage.startsAt</c> without trusting the client's clock.</param>
/// <param name="Reactions">Totals per reaction so far.</param>
/// <param name="Questions">Top questions the caller may see: pinned first, then by votes.</param>
/// <param name="IsModerator">Whether the caller may moderate this stage.</param>
public sealed record StageState(
    StageView Stage,
    string? DefaultLanguage,
    DateTimeOffset ServerTime,
    ViewerCountUpdate Viewers,
    IReadOnlyList<string> AllowedReactions,
    IReadOnlyDictionary<string, long> Reactions,
    IReadOnlyList<QuestionView> Questions,
    ChatHistory Chat,
    bool IsModerator);

public sealed record ViewerCountUpdate(string SessionId, long Version, int Count);

/// <summary>Reactions of one push window, and the totals after it. <paramref name="Window"/> counts up by one per push.</summary>
public sealed record ReactionsUpdate(
    string SessionId,
    long Window,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, long> Totals);

public sealed record StageChatMessage(string SessionId, ChatMessage Message);

public sealed record StageChatDeleted(string SessionId, string MessageId, long Version);

/// <summary>A question as the receiver may see it.</summary>
/// <param name="AskerId">Null for anonymous questions, except for moderators.</param>
/// <param name="AskerName">Null for anonymous questions, except for moderators.</param>
/// <param name="Text">Null when the question is hidden (clients remove it).</param>
/// <param name="Version">Raised by every change of this question.</param>
public sealed record QuestionView(
    string Id,
    string SessionId,
    long Version,
    QuestionStatus Status,
    bool Pinned,
    long Votes,
    bool Anonymous,
    string? AskerId,
    string? AskerName,
    string? Text,
    DateTimeOffset AskedAt);

/// <summary>The answer of <c>AskQuestion</c> and <c>UpvoteQuestion</c>.</summary>
public sealed record QuestionReceipt(string QuestionId, QuestionStatus Status, long Votes, long Version);

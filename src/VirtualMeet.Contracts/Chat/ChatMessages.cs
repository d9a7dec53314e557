namespace VirtualMeet.Contracts.Chat;

/// <summary>
/// One chat line of a room (a stage, a breakout, a bar table). Ids are assigned by the server in the order
/// lines arrive. A line a moderator removed stays as a tombstone: <see cref="Deleted"/> set, <see cref="Text"/> null.
/// </summary>
/// <param name="Version">The room's chat version right after this line was added.</param>
/// <param name="AuthorRole">The author's highest role: <c>attendee</c>, <c>speaker</c>, <c>moderator</c> or <c>organizer</c>.</param>
public sealed record ChatMessage(
    string Id,
    long Version,
    string AuthorId,
    string AuthorName,
    string AuthorRole,
    string? Text,
    DateTimeOffset SentAt,
    bool Deleted = false);

/// <summary>
/// The most recent lines of a room, oldest first, with the room's chat version. Every added or deleted line
/// raises the version by one, so a client that sees a push skip a version asks for this snapshot again.
/// </summary>
public sealed record ChatHistory(long Version, IReadOnlyList<ChatMessage> Messages);

/// <summary>A moderator removed a line; <paramref name="Version"/> is the room's chat version after the removal.</summary>
public sealed record ChatDeletedNotice(string MessageId, long Version);

using VirtualMeet.Contracts.Chat;

namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>
/// Chat logs per room of an event. A room id is chosen by the feature (<c>stage:{sessionId}</c>,
/// <c>breakout:{sessionId}</c>, <c>bar:{barId}:table:{tableId}</c>). Each room keeps its last lines (older
/// ones are dropped), a version raised by every append and delete, and mutes. Appending checks the mute and
/// assigns id and version in one atomic step, so any number of nodes may append to one room.
/// </summary>
internal interface IChatStore
{
    /// <summary>
    /// Adds the line unless its author is muted at <see cref="ChatDraft.SentAt"/>; keeps only the last
    /// <paramref name="retain"/> lines of the room.
    /// </summary>
    Task<ChatAppendResult> AppendAsync(string eventId, string roomId, ChatDraft draft, int retain, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="count"/> lines (tombstones included), oldest first, and the room's version.</summary>
    Task<ChatHistory> RecentAsync(string eventId, string roomId, int count, CancellationToken cancellationToken);

    /// <summary>Replaces a line by its tombstone and raises the version; idempotent.</summary>
    Task<ChatDeleteResult> DeleteAsync(string eventId, string roomId, string messageId, CancellationToken cancellationToken);

    /// <summary>Refuses the attendee's lines in the room until <paramref name="until"/> (a past time lifts the mute).</summary>
    Task MuteAsync(string eventId, string roomId, string attendeeId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// An author's erasure, in the event's rooms whose id starts with <paramref name="roomPrefix"/>: each kept line of
    /// theirs becomes a tombstone without author id or name (raising its room's version, as a deletion does, so
    /// clients told about it stay in step) and their mutes go. Returns the lines tombstoned by this call.
    /// </summary>
    Task<IReadOnlyList<ChatErasure>> EraseAuthorAsync(string eventId, string roomPrefix, string authorId, CancellationToken cancellationToken);
}

/// <param name="Version">The room's chat version right after this line became a tombstone.</param>
internal sealed record ChatErasure(string RoomId, string MessageId, long Version);

/// <summary>A line before the store gave it an id and a version. Text is already validated.</summary>
internal sealed record ChatDraft(string AuthorId, string AuthorName, string AuthorRole, string Text, DateTimeOffset SentAt);

/// <summary>Either the stored line, or the end of the author's mute.</summary>
internal sealed record ChatAppendResult(ChatMessage? Message, DateTimeOffset? MutedUntil);

internal enum ChatDeleteStatus
{
    Deleted,
    AlreadyDeleted,

    /// <summary>Never existed or dropped as old.</summary>
    NotFound,
}

/// <param name="Version">The room's chat version after the call.</param>
internal sealed record ChatDeleteResult(ChatDeleteStatus Status, long Version);

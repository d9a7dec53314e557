using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>
/// Chat for any room of any feature: validates, rate-limits (rule <c>chat</c>, per attendee across rooms and
/// nodes), honours mutes and stores. Chat only happens on hubs, so refusals are coded hub errors thrown from here
/// (<c>invalid_argument</c>, <c>rate_limited</c>, <c>forbidden</c> while muted, <c>not_found</c>). Pushing
/// <c>ChatReceived</c> / <c>ChatDeleted</c> and checking who may moderate stay with the feature.
/// </summary>
internal sealed partial class ChatService(
    IChatStore store,
    AttendeeRateLimits limits,
    IOptions<ChatOptions> options,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ChatService> logger)
{
    /// <summary>Stores a line from <paramref name="author"/> and returns it with its id and version.</summary>
    public async Task<ChatMessage> PostAsync(string eventId, string roomId, ChatAuthor author, string? text, CancellationToken cancellationToken)
    {
        var (clean, error) = UserText.Clean(text, options.Value.MaxLength, "A chat message");
        if (clean is null)
            throw Refusal.InvalidArgument(error!);

        await limits.AcquireOrThrowAsync(eventId, author.Id, RateLimitRules.Chat, cancellationToken);
        var draft = new ChatDraft(author.Id, author.Name, author.Role, clean, time.GetUtcNow());
        var result = await store.AppendAsync(eventId, roomId, draft, Math.Max(options.Value.Retained, options.Value.RecentCount), cancellationToken);
        return result.Message
            ?? throw Refusal.Forbidden($"A moderator muted you in this chat until {result.MutedUntil:yyyy-MM-dd HH:mm:ss} UTC.");
    }

    /// <summary>The last <see cref="ChatOptions.RecentCount"/> lines for a client joining the room.</summary>
    public Task<ChatHistory> RecentAsync(string eventId, string roomId, CancellationToken cancellationToken) =>
        store.RecentAsync(eventId, roomId, options.Value.RecentCount, cancellationToken);

    /// <summary>
    /// Removes a line (the caller checked that <paramref name="moderator"/> moderates the room) and logs it in the
    /// event's audit log. Returns the notice to push, or <c>null</c> when the line was removed before (nothing new to
    /// tell clients, nothing new to log).
    /// </summary>
    public async Task<ChatDeletedNotice?> DeleteAsync(string eventId, string roomId, string messageId, AuditActor moderator, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(eventId, roomId, messageId, cancellationToken);
        switch (result.Status)
        {
            case ChatDeleteStatus.NotFound:
                throw Refusal.NotFound($"There is no chat message '{messageId}' here.");
            case ChatDeleteStatus.AlreadyDeleted:
                return null;
        }

        LogDeleted(eventId, roomId, messageId);
        await audit.RecordAsync(eventId, moderator, AuditActions.ChatDelete, $"{roomId}/{messageId}", null, cancellationToken);
        return new ChatDeletedNotice(messageId, result.Version);
    }

    /// <summary>
    /// An author's erasure in the feature's rooms (ids starting with <paramref name="roomPrefix"/>): their lines become
    /// nameless tombstones. Returns one deletion per line, for the feature to push as it pushes a moderator's delete.
    /// </summary>
    public async Task<IReadOnlyList<ChatErasure>> EraseAuthorAsync(string eventId, string roomPrefix, string authorId, CancellationToken cancellationToken)
    {
        var erased = await store.EraseAuthorAsync(eventId, roomPrefix, authorId, cancellationToken);
        LogAuthorErased(eventId, roomPrefix, erased.Count);
        return erased;
    }

    /// <summary>
    /// Mutes the attendee in the room for <paramref name="minutes"/> (0 lifts a mute; the caller checked that
    /// <paramref name="moderator"/> moderates the room), logged in the event's audit log. Returns when the mute ends.
    /// </summary>
    public async Task<DateTimeOffset> MuteAsync(string eventId, string roomId, string attendeeId, int minutes, AuditActor moderator, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxMuteMinutes;
        if (minutes < 0 || minutes > max)
            throw Refusal.InvalidArgument($"A mute lasts 0 to {max} minutes; 0 lifts it.");
        if (string.IsNullOrWhiteSpace(attendeeId))
            throw Refusal.InvalidArgument("Name the attendee to mute.");

        var until = time.GetUtcNow().AddMinutes(minutes);
        await store.MuteAsync(eventId, roomId, attendeeId, until, cancellationToken);
        LogMuted(eventId, roomId, attendeeId, until);
        await audit.RecordAsync(eventId, moderator, AuditActions.ChatMute, $"{roomId}/{attendeeId}", $"minutes={minutes}", cancellationToken);
        return until;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat message {MessageId} in room {RoomId} of event {EventId} deleted")]
    private partial void LogDeleted(string eventId, string roomId, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure tombstoned {LineCount} chat lines in rooms {RoomPrefix}* of event {EventId}")]
    private partial void LogAuthorErased(string eventId, string roomPrefix, int lineCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} muted in room {RoomId} of event {EventId} until {Until}")]
    private partial void LogMuted(string eventId, string roomId, string attendeeId, DateTimeOffset until);
}

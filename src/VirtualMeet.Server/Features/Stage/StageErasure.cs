using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// An attendee's erasure on the stages of the event, told to everyone watching: their viewer seats go (the counters
/// publisher pushes the new count, as for any leave), their chat lines become tombstones pushed as
/// <c>ChatDeleted</c>, and their questions are removed and pushed as text-less hidden notices, the form clients
/// already remove. Upvotes they gave stay counted: voter sets hold pseudonyms, so there is nothing of theirs to take
/// out, and the old token cannot vote again.
/// </summary>
internal sealed partial class StageErasure(
    IEventStore events,
    IPresenceStore presence,
    IQuestionStore questions,
    ChatService chat,
    StageNotifier notifier,
    ILogger<StageErasure> logger) : IAttendeeScopedData
{
    private static readonly string RoomPrefix = StageGroups.Room("");

    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is { } definition)
        {
            foreach (var session in definition.Sessions.Where(s => StageAccess.IsStage(s.Kind)))
                await presence.RemoveAttendeeAsync(new PresenceRoom(eventId, StageGroups.Room(session.Id)), attendeeId, cancellationToken);
        }

        foreach (var line in await chat.EraseAuthorAsync(eventId, RoomPrefix, attendeeId, cancellationToken))
        {
            var sessionId = line.RoomId[RoomPrefix.Length..];
            await notifier.ChatDeletedAsync(eventId, new StageChatDeleted(sessionId, line.MessageId, line.Version));
        }

        var removed = await questions.RemoveAskedByAsync(eventId, attendeeId, cancellationToken);
        foreach (var (sessionId, question) in removed)
            await notifier.QuestionRemovedAsync(eventId, sessionId, question);
        LogErased(eventId, attendeeId, removed.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} erased from the stages of event {EventId}; {QuestionCount} questions removed")]
    private partial void LogErased(string eventId, string attendeeId, int questionCount);
}

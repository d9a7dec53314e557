using System.Text.Json;
using VirtualMeet.Contracts.Chat;

namespace VirtualMeet.Contracts.Breakouts;

/// <summary>A member of a breakout room.</summary>
/// <param name="Role">Highest role: <c>attendee</c>, <c>speaker</c>, <c>moderator</c> or <c>organizer</c>.</param>
public sealed record BreakoutParticipant(string ParticipantId, string DisplayName, string Role, bool HandRaised);

/// <summary>
/// What <c>JoinBreakout</c> returns: the room at <see cref="Version"/> (presence version). Pushes carry versions;
/// a client that sees a gap joins again for a fresh snapshot (joining twice keeps the one seat).
/// </summary>
/// <param name="Capacity">Seats; <c>null</c> = unlimited.</param>
/// <param name="RaisedHands">Participant ids in the order hands went up.</param>
/// <param name="HandsVersion">Version of the raised-hands queue (see <see cref="HandsChanged"/>).</param>
/// <param name="VideoUrl">External video room (BigBlueButton, Jitsi, ...) when a moderator configured one.</param>
/// <param name="ClosesAt">When breakouts of the event close, if a moderator started the countdown.</param>
public sealed record BreakoutRoomState(
    string EventId,
    string SessionId,
    int? Capacity,
    long Version,
    IReadOnlyList<BreakoutParticipant> Participants,
    IReadOnlyList<string> RaisedHands,
    long HandsVersion,
    ChatHistory Chat,
    string? VideoUrl,
    DateTimeOffset? ClosesAt);

public sealed record ParticipantJoined(string SessionId, BreakoutParticipant Participant, long Version);

public sealed record ParticipantLeft(string SessionId, string ParticipantId, long Version);

/// <summary>A chat line of a breakout; the line's version is the room's chat version.</summary>
public sealed record BreakoutChatLine(string SessionId, ChatMessage Message);

/// <summary>The line <paramref name="MessageId"/> is now a tombstone: show it removed, without its author.</summary>
public sealed record BreakoutChatDeleted(string SessionId, string MessageId, long Version);

public sealed record HandsChanged(string SessionId, IReadOnlyList<string> RaisedHands, long Version);

public sealed record Announcement(string EventId, string Text, string FromName, DateTimeOffset SentAt);

public sealed record BreakoutsClosing(string EventId, DateTimeOffset ClosesAt);

public sealed record ReturnToStage(string EventId);

/// <summary>An opaque WebRTC payload (any JSON: an offer, an answer, a candidate) relayed between two members of the same room.</summary>
public sealed record SignalMessage(string SessionId, string FromParticipantId, JsonElement Payload);

/// <summary>A moderator set or removed the room's external video link.</summary>
/// <param name="VideoUrl">The new link; <c>null</c> when it was removed.</param>
public sealed record VideoLinkChanged(string SessionId, string? VideoUrl);

/// <param name="ToSessionId">The breakout to join now; <c>null</c> when a moderator removed the participant.</param>
public sealed record Moved(string FromSessionId, string? ToSessionId);

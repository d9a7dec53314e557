namespace VirtualMeet.Contracts.Breakouts;

/// <summary>What the server calls on clients of <c>/hubs/breakouts</c>.</summary>
public interface IBreakoutsClient
{
    /// <summary>Someone took a seat in the room; <see cref="ParticipantJoined.Version"/> is the room's presence version.</summary>
    Task ParticipantJoined(ParticipantJoined joined);

    /// <summary>A seat was freed (left, grace expired, node died, moved or removed by a moderator).</summary>
    Task ParticipantLeft(ParticipantLeft left);

    Task ChatReceived(BreakoutChatLine line);

    /// <summary>A line became a tombstone (its author was erased); <see cref="BreakoutChatDeleted.Version"/> is the room's chat version.</summary>
    Task ChatDeleted(BreakoutChatDeleted deleted);

    /// <summary>The ordered queue of raised hands after a change.</summary>
    Task HandsChanged(HandsChanged hands);

    /// <summary>A moderator's message to every breakout of the event.</summary>
    Task Announcement(Announcement announcement);

    /// <summary>Breakouts close at <see cref="BreakoutsClosing.ClosesAt"/>.</summary>
    Task BreakoutsClosing(BreakoutsClosing closing);

    /// <summary>The closing deadline passed: leave the breakout and go back to the stage.</summary>
    Task ReturnToStage(ReturnToStage returnToStage);

    /// <summary>A WebRTC message (offer, answer, candidate) from another member of the room.</summary>
    Task Signal(SignalMessage signal);

    /// <summary>The room's external video link changed (set, replaced or removed).</summary>
    Task VideoLinkChanged(VideoLinkChanged change);

    /// <summary>A moderator moved the recipient to another breakout (join it), or removed them (no target).</summary>
    Task Moved(Moved moved);
}

using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Contracts.Bars;

/// <summary>Server→client methods of <c>/hubs/bar</c>.</summary>
public interface IBarsClient
{
    /// <summary>Tables of a bar changed (people sat down or stood up); coalesced per bar, a few per second at most.</summary>
    Task TableChanged(BarTablesUpdate update);

    /// <summary>Someone sat down at the caller's table.</summary>
    Task ParticipantJoined(TableParticipantChange change);

    /// <summary>Someone left the caller's table.</summary>
    Task ParticipantLeft(TableParticipantChange change);

    /// <summary>A chat line at the caller's table.</summary>
    Task ChatReceived(TableChatMessage message);

    /// <summary>A line at the caller's table became a tombstone (its author was erased).</summary>
    Task ChatDeleted(TableChatDeleted deleted);

    /// <summary>A WebRTC offer, answer or candidate from someone at the caller's table.</summary>
    Task Signal(TableSignal signal);

    /// <summary>Someone asks the caller (or the caller asked someone, on another tab) for a 1:1 meeting.</summary>
    Task MeetingRequested(MeetingView meeting);

    /// <summary>A meeting of the caller was accepted, declined or cancelled.</summary>
    Task MeetingUpdated(MeetingView meeting);
}

/// <summary>Client→server method names of <c>/hubs/bar</c>.</summary>
public static class BarsHubMethods
{
    public const string EnterBars = "EnterBars";
    public const string JoinTable = "JoinTable";
    public const string LeaveTable = "LeaveTable";
    public const string FindTable = "FindTable";
    public const string SendChat = "SendChat";
    public const string Signal = "Signal";
}

/// <summary>Well-known bar ids.</summary>
public static class BarIds
{
    /// <summary>The bar that holds the private two-seat tables of matchmaking meetings, each seen only by its pair.</summary>
    public const string Meetings = "meetings";
}

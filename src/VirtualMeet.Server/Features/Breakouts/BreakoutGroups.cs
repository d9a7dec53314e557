using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>Names of breakout rooms: SignalR groups and presence rooms, built here and nowhere else.</summary>
internal static class BreakoutGroups
{
    /// <summary>Presence rooms of breakouts start with this (the presence sink's prefix).</summary>
    public const string RoomPrefix = "breakout:";

    /// <summary>An attendee sits in at most one breakout of an event at a time.</summary>
    public const string Scope = "breakouts";

    /// <summary>Connections in one breakout.</summary>
    public static string Room(string eventId, string sessionId) => $"breakouts:{eventId}:{sessionId}";

    /// <summary>Connections in any breakout of the event (announcements, closing).</summary>
    public static string Event(string eventId) => $"breakouts:{eventId}";

    public static PresenceRoom Presence(string eventId, string sessionId) => new(eventId, RoomPrefix + sessionId);

    /// <summary>The chat room of a breakout in the shared chat store.</summary>
    public static string Chat(string sessionId) => RoomPrefix + sessionId;

    public static string SessionOf(PresenceRoom room) => room.RoomId[RoomPrefix.Length..];
}

using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Presence room ids, the exclusive scope and SignalR group names of the bars, built here and nowhere else.</summary>
internal static class BarRooms
{
    /// <summary>Room ids of bar tables start with this; the presence sink listens to it.</summary>
    public const string Prefix = "bar:";

    /// <summary>One seat per attendee across every table of every bar of the event.</summary>
    public const string Scope = "bars";

    private const string TablePart = ":table:";

    public static PresenceRoom Table(string eventId, string barId, string tableId) => new(eventId, $"{Prefix}{barId}{TablePart}{tableId}");

    /// <summary>(bar, table) of a bar room id; null for any other room.</summary>
    public static (string BarId, string TableId)? Parse(string? roomId)
    {
        if (roomId is null || !roomId.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = roomId[Prefix.Length..];
        var split = rest.IndexOf(TablePart, StringComparison.Ordinal);
        return split < 0 ? null : (rest[..split], rest[(split + TablePart.Length)..]);
    }

    /// <summary>Everyone who entered the bars of an event: receives <c>TableChanged</c> of the public bars.</summary>
    public static string Watchers(string eventId) => $"bars:{eventId}";
}

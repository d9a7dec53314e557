using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>Limits of every chat (stage, breakouts, bar tables): section <c>Chat</c>. Validated at start-up.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Longest line after trimming; the shortest is one character.</summary>
    [Range(1, 10_000)]
    public int MaxLength { get; set; } = 1000;

    /// <summary>Lines a client gets when it joins a room.</summary>
    [Range(0, 1000)]
    public int RecentCount { get; set; } = 50;

    /// <summary>Lines a room keeps; older ones are dropped. At least <see cref="RecentCount"/>.</summary>
    [Range(1, 100_000)]
    public int Retained { get; set; } = 500;

    /// <summary>Longest mute a moderator may impose.</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxMuteMinutes { get; set; } = 24 * 60;
}

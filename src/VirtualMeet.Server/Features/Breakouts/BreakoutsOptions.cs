using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>Limits of breakout rooms: section <c>Breakouts</c>. Chat limits are under <c>Chat</c> and <c>RateLimits</c>.</summary>
public sealed class BreakoutsOptions
{
    public const string Section = "Breakouts";

    /// <summary>How long a dropped connection keeps its seat so a reconnect does not lose it.</summary>
    [Range(0, 600)]
    public int GraceSeconds { get; set; } = 30;

    /// <summary>Largest WebRTC signal payload, as UTF-8 bytes of its JSON; SDP offers are a few KiB.</summary>
    [Range(256, 30 * 1024)]
    public int MaxSignalPayloadBytes { get; set; } = 16 * 1024;

    [Range(1, 10_000)]
    public int MaxAnnouncementLength { get; set; } = 1000;

    /// <summary>Longest countdown of <c>CloseBreakouts</c>.</summary>
    [Range(0, 24 * 3600)]
    public int MaxCountdownSeconds { get; set; } = 3600;

    [Range(10, 4096)]
    public int MaxVideoUrlLength { get; set; } = 2048;

    public TimeSpan Grace => TimeSpan.FromSeconds(GraceSeconds);
}

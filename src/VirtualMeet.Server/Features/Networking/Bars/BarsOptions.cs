using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Vernetz-BARs: section <c>Bar</c>. Validated at start-up.</summary>
public sealed class BarsOptions
{
    public const string Section = "Bars";

    /// <summary><c>TableChanged</c> pushes per second per bar, across the cluster.</summary>
    [Range(0.1, 50)]
    public double MaxPushesPerSecond { get; set; } = 4;

    /// <summary>Largest WebRTC signaling payload relayed (its JSON text); SDP offers are a few KiB.</summary>
    [Range(256, 30 * 1024)]
    public int MaxSignalPayloadBytes { get; set; } = 16 * 1024;

    /// <summary>How long a dropped connection keeps its seat, so a reconnect finds it still there.</summary>
    [Range(0, 300)]
    public int ReconnectGraceSeconds { get; set; } = 10;

    /// <summary>Tables "find me a table" tries when others take the best seats at the same moment.</summary>
    [Range(1, 50)]
    public int FindTableAttempts { get; set; } = 5;

    public TimeSpan PushInterval => TimeSpan.FromSeconds(1 / MaxPushesPerSecond);

    public TimeSpan ReconnectGrace => TimeSpan.FromSeconds(ReconnectGraceSeconds);
}

using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Rooms.Presence;

/// <summary>Presence housekeeping: section <c>Presence</c>. Validated at start-up.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>
    /// How often each node frees expired grace holds and the seats of dead nodes. With the backplane's default
    /// node timeout of 10 s, 2 s keeps a dead node's seats well within 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(2);
}

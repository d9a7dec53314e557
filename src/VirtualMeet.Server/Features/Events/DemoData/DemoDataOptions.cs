namespace VirtualMeet.Server.Features.Events.DemoData;

/// <summary>Section <c>Demo</c>.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "Demo";

    /// <summary>Imports the bundled demo events at start-up when they do not exist yet. On by default.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>
    /// Moves each demo event so that its first session starts at the current quarter hour (off by default; on in
    /// Development, where the run command starts the demo): the lobby shows something live, the matchmaking window
    /// lies ahead. Applies when an event is seeded, not to one that exists already.
    /// </summary>
    public bool StartsNow { get; set; }
}

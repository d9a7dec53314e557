namespace VirtualMeet.Server.DemoData;

/// <summary>Section <c>Demo</c>.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "Demo";

    /// <summary>Imports the bundled demo events at start-up when they do not exist yet. On by default.</summary>
    public bool Seed { get; set; } = true;
}

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Names a device in the attendee's device list by its browser and system ("Firefox on Android"), so they can tell
/// which one to sign out. A rough reading of the User-Agent header is enough for that, and nothing else uses it.
/// </summary>
internal static class DeviceLabels
{
    public const int MaxLength = 60;

    private static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari")];

    private static readonly (string Token, string Name)[] Systems =
        [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Linux", "Linux")];

    /// <summary>The label the caller chose (trimmed, shortened), else one read from the User-Agent.</summary>
    public static string Of(string? chosen, string? userAgent)
    {
        if (chosen?.Trim() is { Length: > 0 } label)
            return label.Length <= MaxLength ? label : label[..MaxLength];

        var browser = Browsers.FirstOrDefault(b => userAgent?.Contains(b.Token, StringComparison.Ordinal) == true).Name;
        var system = Systems.FirstOrDefault(s => userAgent?.Contains(s.Token, StringComparison.Ordinal) == true).Name;
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => system,
            _ => "Browser",
        };
    }
}

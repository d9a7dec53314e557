namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// Configuration of the nodes the tool starts. Only options, no code changes: logs at Warning so logging does
/// not dominate the measurement, and the per-attendee rate limits raised so that the keynote scenario measures
/// delivery rather than the limiter (the defaults, chat 5 per 10 s and reactions 10 per s, would refuse most of a
/// burst; the report states the values).
/// </summary>
internal static class NodeSettings
{
    public const string SigningKey = "virtualmeet-load-test-signing-key-0123456789";
    public const string OrganizerKey = "virtualmeet-load-test-organizer-key";
    public const int ChatPermitsPer10Seconds = 1000;
    public const int ReactionsPermitsPerSecond = 100;

    public static Dictionary<string, string?> InMemory() => new()
    {
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:OrganizerKey"] = OrganizerKey,
        ["Demo:Seed"] = "false",
        ["Logging:Format"] = "text",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Hosting:ShutdownTimeout"] = "00:00:02",
        ["RateLimits:Rules:chat:PermitLimit"] = $"{ChatPermitsPer10Seconds}",
        ["RateLimits:Rules:chat:WindowSeconds"] = "10",
        ["RateLimits:Rules:reactions:PermitLimit"] = $"{ReactionsPermitsPerSecond}",
        ["RateLimits:Rules:reactions:WindowSeconds"] = "1",
        // Thousands of attendees sign up from this one machine's address; a deployment under --target needs the same.
        ["RateLimits:Rules:signup:PermitLimit"] = "100000",
        ["RateLimits:Rules:organizer-sign-in:PermitLimit"] = "100000",
        // A viewer of --stalled-readers holds megabytes before the measured pushes; the age limit, not the byte limit, cuts it off.
        ["Realtime:OutboundBufferLimit"] = "16777216",
    };

    public static Dictionary<string, string?> OnRedis(RedisProcess redis, Setup backplane)
    {
        var settings = InMemory();
        settings["Realtime:Backplane"] = backplane.BackplaneSetting();
        settings["Storage:Provider"] = "Redis";
        settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        return settings;
    }

    /// <summary>The baseline hub: only logs at Warning like the nodes, nothing else to configure.</summary>
    public static Dictionary<string, string?> Baseline() => new() { ["Logging:LogLevel:Default"] = "Warning" };
}

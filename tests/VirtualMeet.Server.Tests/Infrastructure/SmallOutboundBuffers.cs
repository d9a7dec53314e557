namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// Settings of the slow-consumer tests: a stalled connection is cut off after a few seconds of accepting nothing
/// (SignalR's own client timeout is set long, so it is the outbound buffer that does it), while the byte limit stays
/// far above what a healthy watcher may lag during a burst; chat is not rate-limited, so a test can push many lines.
/// </summary>
public static class SmallOutboundBuffers
{
    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Realtime:OutboundBufferLimit"] = "16777216",
        ["Realtime:OutboundBufferMaxAge"] = "00:00:03",
        ["Realtime:ClientTimeoutInterval"] = "00:02:00",
        ["RateLimits:Rules:chat:PermitLimit"] = "100000",
    };
}

/// <summary>One in-memory node with <see cref="SmallOutboundBuffers"/>.</summary>
public sealed class InMemoryNodeWithSmallOutboundBuffers : InMemoryNode
{
    protected override IDictionary<string, string?> Settings { get; } = SmallOutboundBuffers.Settings;
}

/// <summary>Two nodes on a private Redis with <see cref="SmallOutboundBuffers"/>.</summary>
public sealed class TwoNodesOnRedisWithSmallOutboundBuffers : TwoNodesOnRedis
{
    protected override IDictionary<string, string?> Settings { get; } = SmallOutboundBuffers.Settings;
}

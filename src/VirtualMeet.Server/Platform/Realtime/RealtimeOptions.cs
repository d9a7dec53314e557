using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>SignalR and backplane settings: section <c>Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    public BackplaneKind Backplane { get; set; } = BackplaneKind.InMemory;

    /// <summary>Prefixes every backplane channel, so several deployments can share one Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Realtime:ChannelPrefix must be 1-32 characters of letters, digits, '_', '.' or '-'.")]
    public string ChannelPrefix { get; set; } = "vm";

    /// <summary>Largest message a client may send to a hub; larger ones close the connection.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaximumReceiveMessageSize { get; set; } = 32 * 1024;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A client silent for this long is considered gone; keep it at least twice the keep-alive.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many hub calls one connection may have running at once.</summary>
    [Range(1, 64)]
    public int MaximumParallelInvocationsPerClient { get; set; } = 1;

    /// <summary>
    /// Bytes a connection may owe its client beyond what the transport holds before it is aborted as a slow
    /// consumer; see docs/backplane.md, "Slow consumers".
    /// </summary>
    [Range(16 * 1024, 256 * 1024 * 1024)]
    public long OutboundBufferLimit { get; set; } = 1024 * 1024;

    /// <summary>How long a connection's transport may accept nothing while messages wait for it before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan OutboundBufferMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hub connections one attendee may hold on one node, all hubs and tabs together (the web client opens up to
    /// four per tab), so one token cannot open thousands or keep re-stalling the node by reconnecting.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConnectionsPerAttendee { get; set; } = 32;

    /// <summary>
    /// Hub connections one client address may hold on one node. Generous: a company network puts hundreds of
    /// attendees behind one address. Behind a proxy the address is the forwarded one (Hosting:TrustedProxies).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 2_000;

    /// <summary>
    /// Groups one hub connection may be in at once (a stage, a breakout and its event, poll scopes, the bars): a
    /// join beyond it is refused with <c>rate_limited</c>, so one connection cannot make the node (and, on Redis,
    /// the backplane's subscriptions) grow without bound.
    /// </summary>
    [Range(4, 10_000)]
    public int MaxGroupsPerConnection { get; set; } = 64;
}

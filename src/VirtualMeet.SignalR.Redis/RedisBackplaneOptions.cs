using Microsoft.Extensions.Options;

namespace VirtualMeet.SignalR.Redis;

/// <summary>
/// Settings of the Redis backplane and of the node registry. Defaults suit one Redis on a local network;
/// every value is validated at start-up.
/// </summary>
public sealed class RedisBackplaneOptions
{
    /// <summary>Prefix of the node registry keys (heartbeats). Default "vm:nodes:".</summary>
    public string NodeKeyPrefix { get; set; } = "vm:nodes:";

    /// <summary>
    /// The identity of this node in the node registry and in resync requests. Default: machine name plus a random
    /// suffix, unique per process.
    /// </summary>
    public string ServerName { get; set; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>How long a remote group add or remove waits for the owning node's acknowledgement. Default 5 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on waiting for a client result (on top of the caller's cancellation token). Default 30 s.</summary>
    public TimeSpan ClientResultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one send (or subscribing a new connection) may take before it is abandoned (fail fast). Default 2 s.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a hub's first calls wait for the official manager to subscribe its node channels, while Redis is
    /// connected. After it the calls go ahead anyway. Default 10 s.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A client method (no arguments) invoked on every connection of this node when the backplane recovers from a
    /// time in which messages may have been lost (Redis unreachable, a send failed). Clients answer it by
    /// fetching their snapshots again. Null (the default) sends nothing.
    /// </summary>
    public string? ResyncMethod { get; set; }

    /// <summary>
    /// How often a resynchronisation request that could not be published, or whose arrival is still awaited, is
    /// tried again. Default 1 s.
    /// </summary>
    public TimeSpan ResyncRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the node writes its heartbeat key. Default 2 s.</summary>
    public TimeSpan NodeHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time to live of the heartbeat key: a node silent for this long is dead. Default 10 s, so that with the default
    /// heartbeat interval a dead node is detected (and its presence reaped) within 15 s.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class RedisBackplaneOptionsValidator : IValidateOptions<RedisBackplaneOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisBackplaneOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeKeyPrefix) || options.NodeKeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            failures.Add("NodeKeyPrefix must not be empty and must not contain '{' or '}' (the keys use their own hash tag).");
        }

        if (string.IsNullOrWhiteSpace(options.ServerName) || options.ServerName.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            failures.Add("ServerName must not be empty and must not contain '{' or '}'.");
        }

        Positive(options.AckTimeout, nameof(options.AckTimeout), failures);
        Positive(options.ClientResultTimeout, nameof(options.ClientResultTimeout), failures);
        Positive(options.PublishTimeout, nameof(options.PublishTimeout), failures);
        Positive(options.StartTimeout, nameof(options.StartTimeout), failures);
        Positive(options.ResyncRetryInterval, nameof(options.ResyncRetryInterval), failures);
        Positive(options.NodeHeartbeatInterval, nameof(options.NodeHeartbeatInterval), failures);
        if (options.NodeTimeout < options.NodeHeartbeatInterval * 2)
        {
            failures.Add("NodeTimeout must be at least twice NodeHeartbeatInterval, or a live node could look dead.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>How long the Redis stores wait for Redis: section <c>Storage:Redis</c>. Validated at start-up.</summary>
public sealed class RedisStoreOptions
{
    public const string Section = "Storage:Redis";

    /// <summary>
    /// The longest a store call waits for Redis, its retries included (see <see cref="RedisStoreResilience"/>);
    /// past it the call fails as <c>unavailable</c>. Below StackExchange.Redis' own 5 s so that ours answers first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest the retries of a read or idempotent write wait, in total, for the connection to come back after a blip
    /// (inside <see cref="CommandTimeout"/>). Short, so that a Redis that is down, not blipping, still answers
    /// <c>unavailable</c> quickly; the multiplexer reconnects in about 20 ms on an idle loopback, several hundred under load.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan ReconnectWait { get; set; } = TimeSpan.FromSeconds(1);
}

using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

/// <summary>Describes a change of the Redis connection state.</summary>
public sealed class RedisConnectionEventArgs(bool isSubscriptionConnection, Exception? exception) : EventArgs
{
    /// <summary>True for the pub/sub connection, false for the interactive one.</summary>
    public bool IsSubscriptionConnection { get; } = isSubscriptionConnection;

    /// <summary>The failure, when there is one.</summary>
    public Exception? Exception { get; } = exception;
}

/// <summary>
/// The node's one shared Redis multiplexer, used by the backplane, the node registry and the Redis stores. It is
/// created with AbortOnConnectFail=false (Redis being down at start-up never crashes the host, the multiplexer keeps
/// retrying) and BacklogPolicy.FailFast: while Redis is unreachable a command fails at once instead of queueing until
/// it times out, so a hub call answers <c>unavailable</c> at once and a push is counted as lost (and resynchronised)
/// instead of arriving seconds late. ACL users (<c>user=</c>, <c>password=</c>) and TLS (<c>ssl=true</c>) come from the
/// connection string.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan SubscriberPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ILogger _logger;
    private readonly ConnectionMultiplexer _multiplexer;

    // Cancelled, never disposed: a waiter may still read its token after the connection is gone.
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Connects (or starts retrying to connect) to the Redis described by <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">A StackExchange.Redis configuration string.</param>
    /// <param name="logger">Where the multiplexer's connection log goes (Debug).</param>
    /// <param name="configure">Adjusts the parsed options before connecting (a channel prefix, a CA to trust).</param>
    public RedisConnection(string connectionString, ILogger<RedisConnection>? logger = null, Action<ConfigurationOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _logger = logger ?? NullLogger<RedisConnection>.Instance;
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        configure?.Invoke(options);
        using var log = new LoggerTextWriter(_logger);
        _multiplexer = ConnectionMultiplexer.Connect(options, log);
        _multiplexer.ConnectionFailed += OnConnectionFailed;
        _multiplexer.ConnectionRestored += OnConnectionRestored;
    }

    /// <summary>Raised when a physical connection to Redis comes back (the multiplexer reconnects by itself).</summary>
    public event EventHandler<RedisConnectionEventArgs>? ConnectionRestored;

    /// <summary>Raised when a physical connection to Redis fails.</summary>
    public event EventHandler<RedisConnectionEventArgs>? ConnectionFailed;

    /// <summary>The shared multiplexer. Never dispose it: this object owns it.</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer;

    /// <summary>True while at least one Redis server is reachable.</summary>
    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>
    /// Completes once the pub/sub connection is up. A subscriber that subscribes once and never again must wait for
    /// this: with <see cref="BacklogPolicy.FailFast"/> a SUBSCRIBE sent before then fails at once, and the official
    /// manager, whose start-up subscribes its node channels a single time, would stay deaf to group commands and acks
    /// for the life of the node (a node started before its Redis, or whose first connect was slow, did).
    /// </summary>
    public async Task WhenSubscriberConnectedAsync()
    {
        var subscriber = _multiplexer.GetSubscriber();
        while (!subscriber.IsConnected())
        {
            // A poll, not the ConnectionRestored event: the first connect raises none, and an event could fire between
            // the check and the subscription to it. The multiplexer reconnects on a heartbeat of about a second.
            await Task.Delay(SubscriberPollInterval, _disposed.Token);
        }
    }

    /// <summary>Readiness check for health probes: true when Redis answers a PING within 2 s.</summary>
    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => PingAsync(TimeSpan.FromSeconds(2), cancellationToken);

    /// <summary>Readiness check for health probes: true when Redis answers a PING within <paramref name="timeout"/>.</summary>
    public async Task<bool> PingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!_multiplexer.IsConnected)
        {
            return false;
        }

        try
        {
            await _multiplexer.GetDatabase().PingAsync().WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _multiplexer.ConnectionFailed -= OnConnectionFailed;
        _multiplexer.ConnectionRestored -= OnConnectionRestored;
        _multiplexer.Close(allowCommandsToComplete: false);
        _multiplexer.Dispose();
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        BackplaneLog.ConnectionFailed(_logger, e.ConnectionType.ToString(), e.FailureType.ToString(), e.Exception);
        Raise(ConnectionFailed, new RedisConnectionEventArgs(e.ConnectionType == ConnectionType.Subscription, e.Exception));
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        BackplaneLog.ConnectionRestored(_logger, e.ConnectionType.ToString());
        Raise(ConnectionRestored, new RedisConnectionEventArgs(e.ConnectionType == ConnectionType.Subscription, null));
    }

    // The multiplexer raises events on its own threads; a throwing subscriber must not disturb it.
    private void Raise(EventHandler<RedisConnectionEventArgs>? handlers, RedisConnectionEventArgs args)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<RedisConnectionEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // An event subscriber's failure is logged; it must not reach the multiplexer's thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                BackplaneLog.HandlerFailed(_logger, "connection-event", ex);
            }
        }
    }

    private sealed class LoggerTextWriter(ILogger logger) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
        }

        public override void WriteLine(string? value)
        {
            if (value is not null && logger.IsEnabled(LogLevel.Debug))
            {
                BackplaneLog.MultiplexerMessage(logger, value);
            }
        }
    }
}

// Over 300 lines on purpose: one state machine (outage seen, own request pending, sends failed) whose fields share one
// lock; the wire format lives in Internal/ResyncRequests.cs, the targets in IResyncTarget.cs.
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

/// <summary>
/// Tells clients when pushes may have been lost, so they fetch their snapshots again (<see cref="RedisBackplaneOptions.ResyncMethod"/>,
/// docs/api.md "Resync"). Delivery over Redis is at-most-once; the official backplane drops what could not be
/// published or received and says nothing. Two events mean a loss:
/// <list type="bullet">
/// <item>This node's connection to Redis failed: what was published meanwhile never reached its subscriptions. Once
/// the multiplexer has restored them, the node publishes a request addressed to itself; its arrival proves the
/// subscriptions work again, and the node asks its own connections.</item>
/// <item>A send of this node failed (<see cref="SendFailed"/>): it was lost for the connections of every node, whose
/// subscriptions may be healthy. The node publishes a request to all; every node, this one included, asks its
/// connections. While that cannot be published, the node asks its own connections and keeps trying.</item>
/// </list>
/// A node that has just started asks nothing: its connections have missed nothing.
/// </summary>
public sealed class BackplaneResync : IHostedService, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisBackplaneOptions _options;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel = RedisChannel.Literal("internal:resync");
    private readonly List<IResyncTarget> _targets = [];
    private readonly Lock _lock = new();
    // A pending wake-up at most: several events before the loop runs make one pass.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SerializedHubMessage? _resync;
    private ChannelMessageQueue? _requests;
    private Task _loop = Task.CompletedTask;
    private bool _connectionLost;
    private long _ownRequest;
    private bool _sendsFailed;
    private bool _askedOwnSinceSendsFailed;

    /// <summary>Creates the node's resync coordinator; the hub lifetime managers register with it.</summary>
    public BackplaneResync(RedisConnection connection, IOptions<RedisBackplaneOptions> options, RedisBackplaneMetrics metrics, TimeProvider time, ILogger<BackplaneResync> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        if (_options.ResyncMethod is { } method)
        {
            _resync = new SerializedHubMessage(new InvocationMessage(method, []));
        }
    }

    /// <summary>Requests this node has answered by asking its connections (for tests and diagnostics).</summary>
    public long RequestsAnswered => Interlocked.Read(ref _requestsAnswered);

    /// <summary>True when nothing is pending: no own request awaits its arrival, no failed send awaits its request.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _ownRequest == 0 && !_sendsFailed && !_connectionLost;
            }
        }
    }

    private long _requestsAnswered;
    private int _disposed;

    internal void Register(IResyncTarget target)
    {
        lock (_lock)
        {
            _targets.Add(target);
        }
    }

    internal void Unregister(IResyncTarget target)
    {
        lock (_lock)
        {
            _targets.Remove(target);
        }
    }

    /// <summary>A send of this node did not reach Redis: every node's connections missed it.</summary>
    public void SendFailed()
    {
        if (_resync is null)
        {
            return;
        }

        lock (_lock)
        {
            _sendsFailed = true;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_resync is null)
        {
            return;
        }

        _connection.ConnectionFailed += OnConnectionFailed;
        _connection.ConnectionRestored += OnConnectionRestored;
        // Redis down at start-up: the loop subscribes once it is back.
        await EnsureSubscribedAsync(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop its services again after the container disposed them (a test host disposed twice).
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Registered as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _connection.ConnectionFailed -= OnConnectionFailed;
        _connection.ConnectionRestored -= OnConnectionRestored;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnConnectionFailed(object? sender, RedisConnectionEventArgs e)
    {
        lock (_lock)
        {
            _connectionLost = true;
        }
    }

    private void OnConnectionRestored(object? sender, RedisConnectionEventArgs e)
    {
        lock (_lock)
        {
            if (!_connectionLost)
            {
                return;
            }

            // A fresh number per outage: retries repeat it, and only its first arrival asks the connections.
            _connectionLost = false;
            _ownRequest = _time.GetTimestamp();
        }

        _wake.Writer.TryWrite(true);
    }

    private async Task LoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await WaitForWakeOrRetryAsync(stopping);
                await EnsureSubscribedAsync(stopping);
                await PublishOwnRequestAsync(stopping);
                await PublishRequestToAllAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForWakeOrRetryAsync(CancellationToken stopping)
    {
        using var retry = new CancellationTokenSource(_options.ResyncRetryInterval, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(retry.Token, stopping);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The retry interval passed: a pass without a wake-up retries what is pending.
        }
    }

    private async Task EnsureSubscribedAsync(CancellationToken stopping)
    {
        if (_requests is not null || !_connection.IsConnected)
        {
            return;
        }

        try
        {
            // Held by the multiplexer from here on: it subscribes the channel again after every reconnect.
            _requests = await _connection.Multiplexer.GetSubscriber().SubscribeAsync(_channel).WaitAsync(_options.PublishTimeout, _time, stopping);
            _requests.OnMessage(OnRequestAsync);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BackplaneLog.SubscribeFailed(_logger, _channel.ToString(), ex);
        }
    }

    private async Task PublishOwnRequestAsync(CancellationToken stopping)
    {
        long request;
        lock (_lock)
        {
            request = _ownRequest;
        }

        if (request == 0)
        {
            return;
        }

        try
        {
            await PublishAsync(ResyncRequests.ForNode(_options.ServerName, request), stopping);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Still unreachable: the next pass publishes the same request again.
            BackplaneLog.PublishFailed(_logger, _channel.ToString(), ex);
        }
    }

    private async Task PublishRequestToAllAsync(CancellationToken stopping)
    {
        lock (_lock)
        {
            if (!_sendsFailed)
            {
                return;
            }
        }

        try
        {
            await PublishAsync(ResyncRequests.ToAll, stopping);
            BackplaneLog.ResyncRequested(_logger, _options.ServerName);
            lock (_lock)
            {
                _sendsFailed = false;
                _askedOwnSinceSendsFailed = false;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BackplaneLog.ResyncRequestFailed(_logger, ex);
            bool askOwn;
            lock (_lock)
            {
                askOwn = !_askedOwnSinceSendsFailed;
                _askedOwnSinceSendsFailed = true;
            }

            if (askOwn)
            {
                await AskLocalConnectionsAsync();
            }
        }
    }

    private async Task PublishAsync(string request, CancellationToken stopping) =>
        await _connection.Multiplexer.GetSubscriber().PublishAsync(_channel, request).WaitAsync(_options.PublishTimeout, _time, stopping);

    private async Task OnRequestAsync(ChannelMessage message)
    {
        var request = ResyncRequests.Read((string?)message.Message, _options.ServerName);
        if (request.Kind == ResyncRequestKind.Unreadable)
        {
            BackplaneLog.ResyncRequestUnreadable(_logger);
            return;
        }

        if (request.Kind == ResyncRequestKind.OwnNode)
        {
            lock (_lock)
            {
                // Retries of an answered request carry its number and are ignored: one request, one ask.
                if (_ownRequest == 0 || request.Number != _ownRequest)
                {
                    return;
                }

                _ownRequest = 0;
            }
        }

        if (request.Kind != ResyncRequestKind.OtherNode)
        {
            await AskLocalConnectionsAsync();
        }
    }

    private async Task AskLocalConnectionsAsync()
    {
        IResyncTarget[] targets;
        lock (_lock)
        {
            targets = [.. _targets];
        }

        // Counted before the sends: a client that has read its Resync must find the request counted.
        Interlocked.Increment(ref _requestsAnswered);
        var asked = 0;
        foreach (var target in targets)
        {
            asked += await target.AskLocalConnectionsToResyncAsync(_resync!);
        }

        _metrics.ResyncRequested(asked);
        BackplaneLog.Recovered(_logger, asked, _options.ResyncMethod!);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Self-repair. At once on start, on a timer, and after Redis reports a restored connection, the node subscribes
/// what Redis never confirmed and publishes a nonce to its own probe channel. A probe that comes back proves the
/// subscription connection. A probe that does not is the only sign of the silent resubscription failures of
/// StackExchange.Redis 1.x and of a subscriber that Redis cut off, and the repair is to renew every subscription;
/// but renewing drops messages for a moment and adds load, so a single late probe on a busy node is not enough.
/// Subscriptions are renewed after a miss while the node is suspect (a restored connection or an unproved
/// renewal since the last good probe), or after two misses in a row during which no probe came back at all.
/// When a good probe follows a time in which messages may have been lost, the loop reports the recovery, so the
/// application can tell its clients to resynchronise from snapshots: this node's clients when its subscriptions were
/// broken, every node's clients when sends of this node failed (those were lost for all of them).
internal sealed class SubscriptionRepairLoop : IAsyncDisposable
{
    private readonly RedisSubscriptions _subscriptions;
    private readonly RedisChannels _channels;
    private readonly RedisConnection _connection;
    private readonly BackplanePublisher _publisher;
    private readonly RedisBackplaneOptions _options;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _probes = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly EventHandler<RedisConnectionEventArgs> _onRestored;
    private TaskCompletionSource _healthy = NewSignal();
    private Task _loop = Task.CompletedTask;
    private long _nextNonce;
    private long _lastArrivedNonce;

    private readonly EventHandler<RedisConnectionEventArgs> _onFailed;
    private readonly Func<bool, Task> _onRecovered;

    // Touched by the loop only (one pass at a time), except the flags that the multiplexer's events set.
    private long _firstMissedNonce;
    private volatile bool _suspect;
    private volatile bool _lossPossible;
    private int _sendsLost;

    public SubscriptionRepairLoop(
        RedisSubscriptions subscriptions,
        RedisChannels channels,
        RedisConnection connection,
        BackplanePublisher publisher,
        RedisBackplaneOptions options,
        RedisBackplaneMetrics metrics,
        TimeProvider timeProvider,
        ILogger logger,
        Func<bool, Task> onRecovered)
    {
        _subscriptions = subscriptions;
        _channels = channels;
        _connection = connection;
        _publisher = publisher;
        _options = options;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _onRecovered = onRecovered;
        _onRestored = (_, _) =>
        {
            _suspect = true;
            _lossPossible = true;
            Wake();
        };
        _onFailed = (_, _) => _lossPossible = true;
    }

    /// Completes after the next probe that proved the subscriptions live (tests and readiness use it).
    public Task NextHealthyProbe => Volatile.Read(ref _healthy).Task;

    /// Subscribes the probe channel and starts the loop, whose first pass runs at once.
    public async Task StartAsync()
    {
        await _subscriptions.SubscribeAsync(_channels.Probe, OnProbe);
        _connection.ConnectionRestored += _onRestored;
        _connection.ConnectionFailed += _onFailed;
        Wake();
        _loop = Task.Run(RunAsync);
    }

    /// Waits until a probe has proved every subscription live, unless Redis is down (then there is nothing to wait
    /// for: sends fail fast until the loop repairs) or <paramref name="bound"/> passes.
    public async Task WaitUntilProvedAsync(TimeSpan bound)
    {
        var proved = NextHealthyProbe;
        if (!_connection.IsConnected)
        {
            return;
        }

        try
        {
            await proved.WaitAsync(bound, _timeProvider, _stopping.Token);
        }
        catch (TimeoutException)
        {
            BackplaneLog.StartUnproven(_logger, bound);
        }
    }

    /// A send of this node did not reach Redis: the connections of every node missed it.
    public void SendLost() => Interlocked.Exchange(ref _sendsLost, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one is enough.
        }
    }

    /// One probe-and-repair pass. Returns true when every subscription was proved live.
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            _lossPossible = true;
            return false;
        }

        // Subscribed before the probe, so that a probe that comes back proves them too.
        await _subscriptions.SubscribePendingAsync(cancellationToken);
        var nonce = Interlocked.Increment(ref _nextNonce);
        if (await ProbeAsync(nonce, cancellationToken))
        {
            _firstMissedNonce = 0;
            if (!_subscriptions.AllConfirmed)
            {
                return false;
            }

            _suspect = false;
            var sendsLost = Interlocked.Exchange(ref _sendsLost, 0) == 1;
            if (_lossPossible || sendsLost)
            {
                _lossPossible = false;
                await _onRecovered(sendsLost);
            }

            Interlocked.Exchange(ref _healthy, NewSignal()).TrySetResult();
            return true;
        }

        if (!_suspect && _firstMissedNonce == 0)
        {
            // One late probe on a busy node is no proof of a lost subscription; probe again at once.
            _firstMissedNonce = nonce;
            BackplaneLog.ProbeSlow(_logger, _options.SubscriptionProbeTimeout);
            Wake();
            return false;
        }

        if (!_suspect && Interlocked.Read(ref _lastArrivedNonce) >= _firstMissedNonce)
        {
            // A missed probe did arrive, only late: the subscriptions are live and the node is slow.
            _firstMissedNonce = nonce;
            BackplaneLog.ProbeSlow(_logger, _options.SubscriptionProbeTimeout);
            return false;
        }

        // A probe that never came back means messages were lost, and renewing drops whatever arrives in between.
        // The node stays suspect until a probe proves the renewal: one made during a reconnect may not reach Redis.
        _firstMissedNonce = 0;
        _suspect = true;
        _lossPossible = true;
        BackplaneLog.ProbeMissed(_logger, _options.SubscriptionProbeTimeout, _subscriptions.Count);
        _metrics.Resubscribed();
        try
        {
            var renewed = await _subscriptions.RenewAllAsync(cancellationToken);
            BackplaneLog.Resubscribed(_logger, renewed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            BackplaneLog.ResubscribeFailed(_logger, ex);
        }

        // Prove the repair at once instead of waiting a whole interval.
        Wake();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionRestored -= _onRestored;
        _connection.ConnectionFailed -= _onFailed;
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                var woken = _wake.WaitAsync(wait.Token);
                var elapsed = Task.Delay(_options.SubscriptionProbeInterval, _timeProvider, wait.Token);
                await Task.WhenAny(woken, elapsed);
                await wait.CancelAsync();
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RunOnceAsync(token);
            }
#pragma warning disable CA1031 // The repair loop must outlive any single failed pass.
            catch (Exception ex) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
            {
                BackplaneLog.ResubscribeFailed(_logger, ex);
            }
        }
    }

    private async Task<bool> ProbeAsync(long nonce, CancellationToken cancellationToken)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[nonce] = arrived;
        try
        {
            if (await _publisher.TryPublishAsync(_channels.Probe, BackplaneProtocol.WriteProbe(nonce), cancellationToken) is null)
            {
                return false;
            }

            await arrived.Task.WaitAsync(_options.SubscriptionProbeTimeout, _timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(nonce, out _);
        }
    }

    private Task OnProbe(byte[] payload)
    {
        var nonce = BackplaneProtocol.ReadProbe(payload);
        if (_probes.TryGetValue(nonce, out var arrived))
        {
            arrived.TrySetResult();
        }

        // Probes of other nodes never arrive here: the probe channel is the node's own. Late ones count too.
        var last = Interlocked.Read(ref _lastArrivedNonce);
        while (nonce > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastArrivedNonce, nonce, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

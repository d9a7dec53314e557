using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Self-repair. On a timer, and at once after Redis reports a restored connection, the node publishes a nonce to
/// its own probe channel. If it comes back in time, the subscription connection works and only the subscriptions
/// made while Redis was down are (re)subscribed. If it does not, every subscription of the authoritative set is
/// renewed. This covers silent resubscription failures of StackExchange.Redis 1.x and a subscriber that Redis cut
/// off for falling behind.
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

    public SubscriptionRepairLoop(
        RedisSubscriptions subscriptions,
        RedisChannels channels,
        RedisConnection connection,
        BackplanePublisher publisher,
        RedisBackplaneOptions options,
        RedisBackplaneMetrics metrics,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _subscriptions = subscriptions;
        _channels = channels;
        _connection = connection;
        _publisher = publisher;
        _options = options;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _onRestored = (_, _) => Wake();
    }

    /// Completes after the next probe that proved the subscriptions live (tests and readiness use it).
    public Task NextHealthyProbe => Volatile.Read(ref _healthy).Task;

    public async Task StartAsync()
    {
        await _subscriptions.SubscribeAsync(_channels.Probe, OnProbe);
        _connection.ConnectionRestored += _onRestored;
        _loop = Task.Run(RunAsync);
    }

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

    /// One probe-and-repair pass. Returns true when the subscriptions were proved live.
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            return false;
        }

        if (await ProbeAsync(cancellationToken))
        {
            await _subscriptions.SubscribePendingAsync(cancellationToken);
            Interlocked.Exchange(ref _healthy, NewSignal()).TrySetResult();
            return true;
        }

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

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var nonce = Interlocked.Increment(ref _nextNonce);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[nonce] = arrived;
        try
        {
            if (await _publisher.TryPublishAsync(_channels.Probe, RedisProtocol.WriteProbe(nonce), cancellationToken) is null)
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
        if (_probes.TryGetValue(RedisProtocol.ReadProbe(payload), out var arrived))
        {
            arrived.TrySetResult();
        }

        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

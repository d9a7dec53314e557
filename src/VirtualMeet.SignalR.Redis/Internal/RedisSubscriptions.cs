using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VirtualMeet.SignalR.Redis.Internal;

/// The node's own, authoritative set of subscriptions. Redis is told about each one, but this set is the truth:
/// StackExchange.Redis 1.x can silently lose subscriptions across reconnects (hazard 4), so the repair loop renews
/// every entry of this set when a probe goes missing. A subscription that fails (Redis down) stays in the set,
/// unconfirmed, and is subscribed again by the repair loop; subscribing never throws and never hangs.
internal sealed class RedisSubscriptions(
    RedisConnection connection,
    BackplanePipelines pipelines,
    RedisBackplaneOptions options,
    RedisBackplaneMetrics metrics,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, ChannelSubscription> _subscriptions = new(StringComparer.Ordinal);

    public int Count => _subscriptions.Count;

    /// True when Redis has confirmed every subscription of the set.
    public bool AllConfirmed => _subscriptions.Values.All(subscription => subscription.Confirmed || subscription.Removed);

    public bool Contains(RedisChannel channel) => _subscriptions.ContainsKey(channel.ToString());

    public async Task SubscribeAsync(RedisChannel channel, Func<byte[], Task> handler)
    {
        var subscription = new ChannelSubscription(channel, handler, options.MaxQueuedMessagesPerChannel, metrics, logger);
        if (!_subscriptions.TryAdd(subscription.Name, subscription))
        {
            // Callers guard against double subscription; a duplicate would deliver every message twice.
            subscription.Complete();
            throw new InvalidOperationException($"Channel {subscription.Name} is already subscribed.");
        }

        metrics.SubscriptionAdded();
        BackplaneLog.Subscribing(logger, subscription.Name);
        await subscription.Gate.WaitAsync();
        try
        {
            if (!subscription.Removed)
            {
                subscription.Confirmed = await TrySubscribeAsync(subscription, pipelines.Publish);
            }
        }
        finally
        {
            subscription.Gate.Release();
        }
    }

    public async Task UnsubscribeAsync(RedisChannel channel)
    {
        if (!_subscriptions.TryRemove(channel.ToString(), out var subscription))
        {
            return;
        }

        metrics.SubscriptionRemoved();
        BackplaneLog.Unsubscribing(logger, subscription.Name);
        await subscription.Gate.WaitAsync();
        try
        {
            subscription.Removed = true;
            subscription.Complete();
            if (connection.IsConnected)
            {
                await pipelines.Publish.ExecuteAsync(
                    static async (state, token) => await state.DetachAsync().WaitAsync(token),
                    subscription);
            }
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Redis will drop the server-side subscription when the connection is replaced; the handler is gone locally.
            BackplaneLog.UnsubscribeFailed(logger, subscription.Name, ex);
        }
        finally
        {
            subscription.Gate.Release();
        }
    }

    /// Subscribes the entries that Redis has not confirmed yet (they were added while Redis was down).
    public async Task<int> SubscribePendingAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var subscription in _subscriptions.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!subscription.Confirmed && await RenewAsync(subscription, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// Drops and re-adds every subscription of the set, on Redis, with the very same handlers.
    public async Task<int> RenewAllAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var subscription in _subscriptions.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await RenewAsync(subscription, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    public async Task UnsubscribeAllAsync()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            await UnsubscribeAsync(subscription.Channel);
        }
    }

    private async Task<bool> RenewAsync(ChannelSubscription subscription, CancellationToken cancellationToken)
    {
        await subscription.Gate.WaitAsync(cancellationToken);
        try
        {
            if (subscription.Removed)
            {
                return false;
            }

            // Unsubscribe with our handler first: subscribing the same delegate twice would deliver twice.
            subscription.Confirmed = false;
            subscription.Confirmed = await TrySubscribeAsync(subscription, pipelines.Resubscribe, renew: true);
            return subscription.Confirmed;
        }
        finally
        {
            subscription.Gate.Release();
        }
    }

    private async Task<bool> TrySubscribeAsync(ChannelSubscription subscription, Polly.ResiliencePipeline pipeline, bool renew = false)
    {
        if (!connection.IsConnected)
        {
            BackplaneLog.NotConnected(logger, "subscribe", subscription.Name);
            return false;
        }

        try
        {
            var state = (Subscriber: connection.Multiplexer.GetSubscriber(), Subscription: subscription, Renew: renew);
            await pipeline.ExecuteAsync(
                static async (s, token) =>
                {
                    if (s.Renew)
                    {
                        await s.Subscription.DetachAsync().WaitAsync(token);
                    }

                    s.Subscription.Attach(await s.Subscriber.SubscribeAsync(s.Subscription.Channel).WaitAsync(token));
                },
                state);

            // Hazard 4: while the pub/sub connection is still connecting, 1.x completes the subscribe without sending
            // SUBSCRIBE and never sends it later. Only a subscription bound to a server endpoint is real.
            if (state.Subscriber.SubscribedEndpoint(subscription.Channel) is null)
            {
                BackplaneLog.NotSubscribedOnServer(logger, subscription.Name);
                return false;
            }

            return true;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            BackplaneLog.SubscribeFailed(logger, subscription.Name, ex);
            return false;
        }
    }

    private static bool IsRedisFailure(Exception ex) =>
        ex is RedisException or TimeoutException or Polly.Timeout.TimeoutRejectedException or OperationCanceledException;
}

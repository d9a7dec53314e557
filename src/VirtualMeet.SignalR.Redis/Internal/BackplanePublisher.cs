using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Publishes with a bounded wait. While Redis is down a publish fails at once instead of queueing: nothing is
/// buffered (at-most-once), and no hub call may hang on the backplane.
internal sealed class BackplanePublisher(RedisConnection connection, BackplanePipelines pipelines, RedisBackplaneMetrics metrics, ILogger logger)
{
    /// Fan-out sends: a failure is logged and counted, never thrown (see docs/backplane.md, "Failure behaviour").
    public async Task<long?> TryPublishAsync(RedisChannel channel, byte[] payload, CancellationToken cancellationToken = default)
    {
        try
        {
            return await PublishAsync(channel, payload, cancellationToken);
        }
        catch (IOException ex)
        {
            BackplaneLog.PublishFailed(logger, channel.ToString(), ex);
            return null;
        }
    }

    /// Operations whose caller needs the outcome (group commands, client results): a failure is an IOException.
    public async Task<long> PublishAsync(RedisChannel channel, byte[] payload, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            metrics.PublishFailed();
            BackplaneLog.NotConnected(logger, "publish", channel.ToString());
            throw new IOException("The Redis backplane is not connected.");
        }

        try
        {
            var subscriber = connection.Multiplexer.GetSubscriber();
            var receivers = await pipelines.Publish.ExecuteAsync(
                static async (state, token) => await state.subscriber.PublishAsync(state.channel, state.payload).WaitAsync(token),
                (subscriber, channel, payload),
                cancellationToken);
            metrics.Published();
            return receivers;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or Polly.Timeout.TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            metrics.PublishFailed();
            throw new IOException($"Publishing to the Redis backplane failed: {ex.Message}", ex);
        }
    }
}

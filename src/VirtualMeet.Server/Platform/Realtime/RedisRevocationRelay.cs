using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.SignalR.Redis;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Revocations over Redis pub/sub (channel <see cref="Channel"/> under the node's channel prefix): every node closes
/// its covered connections within a round trip. Pub/sub delivers at most once, so <see cref="RevocationSweep"/>
/// closes what a node missed (say, while its subscription was reconnecting).
/// </summary>
internal sealed partial class RedisRevocationRelay(
    RedisConnection redis,
    ConnectionIndex index,
    IOptions<RedisBackplaneOptions> backplane,
    TimeProvider time,
    ILogger<RedisRevocationRelay> logger) : BackgroundService, IRevocationRelay
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("revocations");

    public async Task PublishAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(revocation))
                .WaitAsync(backplane.Value.PublishTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Stored already: the other nodes' sweeps close the connections, later than at once.
            LogPublishFailed(ex, revocation.EventId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until subscribed: a failure here must not end the service (a faulted hosted service stops the host), and the
        // sweep covers the time without a subscription.
        while (true)
        {
            try
            {
                // As with the backplane: a SUBSCRIBE before pub/sub is connected would fail. Once subscribed, the
                // multiplexer holds the subscription and subscribes again after every reconnect.
                await redis.WhenSubscriberConnectedAsync().WaitAsync(stoppingToken);
                var messages = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel)
                    .WaitAsync(backplane.Value.PublishTimeout, time, stoppingToken);
                messages.OnMessage(message =>
                {
                    if (Read(message.Message) is { } revocation)
                        index.CloseCovered(revocation);
                });
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSubscribeFailed(ex);
                await Task.Delay(SubscribeRetry, time, stoppingToken);
            }
        }
    }

    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(1);

    private Revocation? Read(RedisValue message)
    {
        try
        {
            return JsonSerializer.Deserialize<Revocation>((string)message!);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes of a revocation in event {EventId}; their sweeps will close its connections")]
    private partial void LogPublishFailed(Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to revocations failed; trying again")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable revocation message")]
    private partial void LogUnreadable(Exception exception);
}

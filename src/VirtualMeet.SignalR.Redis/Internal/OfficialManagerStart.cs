using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Official = Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace VirtualMeet.SignalR.Redis.Internal;

/// <summary>
/// Waits until the official manager of one hub has subscribed its node channels. Its constructor starts subscribing
/// `all`, `internal:groups`, its ack and its return channel without waiting, and every call made meanwhile skips the
/// wait: a remote group command sent then loses its acknowledgement and hangs for the full ack timeout, and an
/// `all` send misses the node itself (`RemoteAddToGroupIsAcknowledgedAndDelivers` failed 1 run in 3 on a busy
/// machine without this). So the layer holds calls until the multiplexer reports the four channels subscribed.
/// </summary>
internal static class OfficialManagerStart
{
    // The official manager names its ack and return channels after a private, generated server name (no accessor).
    // If a release renames the field, every node fails at start-up and the conformance suite in CI says so.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task WaitAsync<THub>(
        Official.RedisHubLifetimeManager<THub> manager, RedisConnection connection, TimeSpan timeout, TimeProvider time, ILogger logger)
        where THub : Hub
    {
        var channels = ChannelsOf(manager);
        var subscriber = connection.Multiplexer.GetSubscriber();
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        // While Redis is down nothing waits: calls fail fast, and the multiplexer subscribes once Redis is back.
        while (connection.IsConnected && !channels.All(channel => subscriber.SubscribedEndpoint(channel) is not null))
        {
            if (time.GetTimestamp() > deadline)
            {
                BackplaneLog.StartUnproven(logger, timeout);
                return;
            }

            await Task.Delay(PollInterval, time);
        }
    }

    internal static RedisChannel[] ChannelsOf<THub>(Official.RedisHubLifetimeManager<THub> manager)
        where THub : Hub
    {
        var field = typeof(Official.RedisHubLifetimeManager<THub>).GetField("_serverName", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException(
                "The official Redis backplane no longer has the field '_serverName'; OfficialManagerStart must learn its channel names anew.");
        var serverName = (string)field.GetValue(manager)!;
        var hub = typeof(THub).FullName;
        return
        [
            RedisChannel.Literal(hub + ":all"),
            RedisChannel.Literal(hub + ":internal:groups"),
            RedisChannel.Literal(hub + ":internal:ack:" + serverName),
            RedisChannel.Literal(hub + ":internal:return:" + serverName),
        ];
    }
}

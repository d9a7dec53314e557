using Microsoft.Extensions.Logging;

namespace VirtualMeet.SignalR.Redis.Internal;

internal static partial class BackplaneLog
{
    [LoggerMessage(1, LogLevel.Debug, "Subscribing to channel {Channel}.")]
    public static partial void Subscribing(ILogger logger, string channel);

    [LoggerMessage(2, LogLevel.Debug, "Unsubscribing from channel {Channel}.")]
    public static partial void Unsubscribing(ILogger logger, string channel);

    [LoggerMessage(3, LogLevel.Warning, "Subscribing to channel {Channel} failed; the subscription is kept and will be repaired.")]
    public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Unsubscribing from channel {Channel} failed.")]
    public static partial void UnsubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Publishing to channel {Channel} failed; the message is dropped (at-most-once delivery).")]
    public static partial void PublishFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Handling a message received on channel {Channel} failed; the channel keeps flowing.")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Writing a backplane message to connection {ConnectionId} failed.")]
    public static partial void WriteFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Channel {Channel} has {Limit} queued messages; the oldest is dropped.")]
    public static partial void QueueFull(ILogger logger, string channel, int limit);

    [LoggerMessage(9, LogLevel.Warning, "Subscription probe did not come back within {Timeout}; renewing {Count} subscriptions.")]
    public static partial void ProbeMissed(ILogger logger, TimeSpan timeout, int count);

    [LoggerMessage(10, LogLevel.Information, "Renewed {Count} subscriptions.")]
    public static partial void Resubscribed(ILogger logger, int count);

    [LoggerMessage(11, LogLevel.Warning, "Renewing subscriptions failed; retrying on the next probe.")]
    public static partial void ResubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "No acknowledgement for {Action} of connection {ConnectionId} in group {GroupName} within {Timeout}.")]
    public static partial void AckTimedOut(ILogger logger, GroupAction action, string connectionId, string groupName, TimeSpan timeout);

    [LoggerMessage(13, LogLevel.Information, "Redis connection restored ({ConnectionType}).")]
    public static partial void ConnectionRestored(ILogger logger, string connectionType);

    [LoggerMessage(14, LogLevel.Warning, "Redis connection failed ({ConnectionType}, {FailureType}).")]
    public static partial void ConnectionFailed(ILogger logger, string connectionType, string failureType, Exception? exception);

    [LoggerMessage(15, LogLevel.Debug, "Redis is not connected; {Operation} on channel {Channel} fails fast.")]
    public static partial void NotConnected(ILogger logger, string operation, string channel);

    [LoggerMessage(16, LogLevel.Warning, "Writing heartbeat of node {NodeId} failed.")]
    public static partial void HeartbeatFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(17, LogLevel.Information, "Node {NodeId} stopped heartbeating; running dead-node handlers.")]
    public static partial void NodeDead(ILogger logger, string nodeId);

    [LoggerMessage(18, LogLevel.Error, "A dead-node handler failed for node {NodeId}; it will run again.")]
    public static partial void DeadNodeHandlerFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(19, LogLevel.Warning, "Publishing the result of invocation {InvocationId} back to its caller failed.")]
    public static partial void ReturnFailed(ILogger logger, string invocationId, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "Redis multiplexer: {Message}")]
    public static partial void MultiplexerMessage(ILogger logger, string message);

    [LoggerMessage(21, LogLevel.Warning, "Channel {Channel} is subscribed locally but not on any Redis server yet; the repair loop subscribes it again.")]
    public static partial void NotSubscribedOnServer(ILogger logger, string channel);

    [LoggerMessage(22, LogLevel.Information, "Subscription probe did not come back within {Timeout}; probing again before renewing subscriptions.")]
    public static partial void ProbeSlow(ILogger logger, TimeSpan timeout);

    [LoggerMessage(23, LogLevel.Warning, "The backplane did not prove its subscriptions within {Timeout} of starting; the repair loop keeps trying.")]
    public static partial void StartUnproven(ILogger logger, TimeSpan timeout);

    [LoggerMessage(24, LogLevel.Information, "The backplane recovered from a time in which messages may have been lost; asked {Count} local connections to call {Method}.")]
    public static partial void Recovered(ILogger logger, int count, string method);

    [LoggerMessage(25, LogLevel.Information, "Sends of node {Server} did not reach Redis; asking the connections of every node to resynchronise.")]
    public static partial void ResyncRequested(ILogger logger, string server);

    [LoggerMessage(26, LogLevel.Warning, "A resynchronisation request could not be published; asked this node's connections and trying again.")]
    public static partial void ResyncRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(27, LogLevel.Warning, "A resynchronisation request on the backplane could not be read.")]
    public static partial void ResyncRequestUnreadable(ILogger logger);
}

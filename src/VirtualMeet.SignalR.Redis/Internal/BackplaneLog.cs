using Microsoft.Extensions.Logging;

namespace VirtualMeet.SignalR.Redis.Internal;

internal static partial class BackplaneLog
{
    [LoggerMessage(3, LogLevel.Warning, "Subscribing to channel {Channel} failed.")]
    public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Unsubscribing from channel {Channel} failed.")]
    public static partial void UnsubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Publishing to channel {Channel} failed; the message is dropped (at-most-once delivery).")]
    public static partial void PublishFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Writing to a connection for {Channel} failed; the other connections were written.")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "Redis connection restored ({ConnectionType}).")]
    public static partial void ConnectionRestored(ILogger logger, string connectionType);

    [LoggerMessage(14, LogLevel.Warning, "Redis connection failed ({ConnectionType}, {FailureType}).")]
    public static partial void ConnectionFailed(ILogger logger, string connectionType, string failureType, Exception? exception);

    [LoggerMessage(16, LogLevel.Warning, "Writing heartbeat of node {NodeId} failed.")]
    public static partial void HeartbeatFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(17, LogLevel.Information, "Node {NodeId} stopped heartbeating; running dead-node handlers.")]
    public static partial void NodeDead(ILogger logger, string nodeId);

    [LoggerMessage(18, LogLevel.Error, "A dead-node handler failed for node {NodeId}; it will run again.")]
    public static partial void DeadNodeHandlerFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "Redis multiplexer: {Message}")]
    public static partial void MultiplexerMessage(ILogger logger, string message);

    [LoggerMessage(23, LogLevel.Warning, "The official backplane had not subscribed its node channels within {Timeout} of starting; calls go ahead.")]
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

using StackExchange.Redis;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Every backplane channel name is built here and nowhere else. Names are always literal: a group called
/// "a*" must never become a pattern subscription (hazard 1 of StackExchange.Redis 1.x).
internal sealed class RedisChannels(string prefix, string hubName, string serverName)
{
    private readonly string _root = prefix + hubName + ":";

    public string ServerName { get; } = serverName;

    public RedisChannel All => Literal(_root + "all");

    public RedisChannel GroupCommands => Literal(_root + "internal:groups");

    public RedisChannel Connection(string connectionId) => Literal(_root + "connection:" + connectionId);

    public RedisChannel Group(string groupName) => Literal(_root + "group:" + groupName);

    public RedisChannel User(string userId) => Literal(_root + "user:" + userId);

    public RedisChannel Ack(string serverName) => Literal(_root + "internal:ack:" + serverName);

    public RedisChannel Return(string serverName) => Literal(_root + "internal:return:" + serverName);

    /// The node publishes to its own probe channel to prove that its subscription connection still works.
    public RedisChannel Probe => Literal(_root + "internal:probe:" + ServerName);

    /// Every node asks its connections to resynchronise when a message arrives here (see SubscriptionRepairLoop).
    public RedisChannel Resync => Literal(_root + "internal:resync");

    public RedisChannel OwnAck => Ack(ServerName);

    public RedisChannel OwnReturn => Return(ServerName);

    private static RedisChannel Literal(string name) => new(name, RedisChannel.PatternMode.Literal);
}

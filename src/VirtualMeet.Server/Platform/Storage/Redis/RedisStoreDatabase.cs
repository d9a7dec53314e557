using StackExchange.Redis;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>The stores' view of the shared Redis connection: a database and the servers (for SCAN).</summary>
internal sealed class RedisStoreDatabase(IConnectionMultiplexer multiplexer)
{
    public IDatabase Database => multiplexer.GetDatabase();

    /// <summary>Primaries only: replicas hold the same keys and refuse writes.</summary>
    public IEnumerable<IServer> Primaries => multiplexer.GetEndPoints()
        .Select(endpoint => multiplexer.GetServer(endpoint))
        .Where(server => server.IsConnected && !server.IsReplica);
}

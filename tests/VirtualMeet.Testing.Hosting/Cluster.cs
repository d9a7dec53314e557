namespace VirtualMeet.Testing;

/// <summary>What the nodes of a <see cref="Cluster"/> share.</summary>
public enum Backplane
{
    /// <summary>Nothing: each node keeps its own state in memory (one node, or several that do not form a cluster).</summary>
    InMemory,

    /// <summary>A private redis-server, used by every node for the backplane and the stores.</summary>
    Redis,
}

/// <summary>
/// Real VirtualMeet nodes (<see cref="VirtualMeetNode"/>) started together with what they share, and disposed
/// together: the one way tests get a node or a cluster of them. Nodes start one after the other, in the order of
/// <see cref="Nodes"/>.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly RedisServer? _redis;
    private readonly List<VirtualMeetNode> _nodes = [];

    private Cluster(Backplane backplane, RedisServer? redis, IReadOnlyDictionary<string, string?> settings)
    {
        Backplane = backplane;
        _redis = redis;
        Settings = settings;
    }

    public Backplane Backplane { get; }

    public IReadOnlyList<VirtualMeetNode> Nodes => _nodes;

    /// <summary>The settings every node got on top of <see cref="VirtualMeetNode.DefaultSettings"/>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The redis-server the nodes share; a cluster on <see cref="Backplane.InMemory"/> has none.</summary>
    public RedisServer Redis =>
        _redis ?? throw new InvalidOperationException("An in-memory cluster has no Redis: start it with Backplane.Redis.");

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes with <paramref name="settings"/> on top of the test defaults; with
    /// <see cref="Backplane.Redis"/>, a private redis-server first, which all of them use. If any part fails to
    /// start, what had started is disposed before the error surfaces.
    /// </summary>
    public static async Task<Cluster> StartAsync(
        int nodes,
        Backplane backplane,
        IDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        var redis = backplane == Backplane.Redis ? await RedisServer.StartAsync(cancellationToken) : null;
        var cluster = new Cluster(backplane, redis, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()));
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                cluster._nodes.Add(await cluster.StartNodeAsync());
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// One more node in its own OS process, on this cluster's Redis with this cluster's settings, for a test that
    /// kills a node the way a machine dies (<see cref="ServerProcess.Crash"/>). Disposing it is the caller's.
    /// </summary>
    public Task<ServerProcess> StartProcessAsync() => ServerProcess.StartWithRedisAsync(Redis, Settings);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private Task<VirtualMeetNode> StartNodeAsync() =>
        _redis is null ? VirtualMeetNode.StartAsync(Settings) : VirtualMeetNode.StartWithRedisAsync(_redis, Settings);
}

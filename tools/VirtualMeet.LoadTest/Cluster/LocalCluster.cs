namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// Server nodes as child processes on loopback, either one in-memory node or several on a private Redis
/// (Redis stores and the Redis backplane). Clients are spread round-robin over the nodes, as a least-connections
/// balancer would spread them.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<NodeProcess> _nodes;

    private LocalCluster(Setup setup, List<NodeProcess> nodes, RedisProcess? redis)
    {
        Setup = setup;
        Name = setup.Name(nodes.Count);
        _nodes = nodes;
        Redis = redis;
    }

    public Setup Setup { get; }

    public string Name { get; }

    /// <summary>The commit of the build the nodes run (one build serves every node of a run).</summary>
    public string Commit => string.Join(", ", _nodes.Select(n => n.Commit).Distinct());

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public RedisProcess? Redis { get; }

    public Deployment Deployment => new(Name, _nodes.Select(n => n.BaseAddress).ToList(), NodeSettings.OrganizerKey, this);

    public static async Task<LocalCluster> StartInMemoryAsync(CancellationToken cancellationToken)
    {
        var node = await NodeProcess.StartAsync("node-a", NodeSettings.InMemory(), cancellationToken);
        return new LocalCluster(Setup.InMemory, [node], redis: null);
    }

    /// <summary>The plain SignalR hub the memory per connection is compared with; its clients need no token.</summary>
    public static async Task<LocalCluster> StartBaselineAsync(CancellationToken cancellationToken)
    {
        var node = await NodeProcess.StartAsync("baseline", ServerBuild.LocateBaseline(), NodeSettings.Baseline(), cancellationToken);
        return new LocalCluster(Setup.BaselineHub, [node], redis: null);
    }

    /// <summary>Nodes on SignalR's official Redis backplane, the one deployments run.</summary>
    public static Task<LocalCluster> StartOnRedisAsync(int nodeCount, CancellationToken cancellationToken) =>
        StartOnRedisAsync(nodeCount, Setup.OfficialRedis, cancellationToken);

    /// <summary>Nodes on a private Redis with the manager a Redis setup names (<see cref="SetupNames.OnRedis"/>).</summary>
    public static async Task<LocalCluster> StartOnRedisAsync(int nodeCount, Setup backplane, CancellationToken cancellationToken)
    {
        if (!SetupNames.OnRedis.Contains(backplane))
            throw new ArgumentOutOfRangeException(nameof(backplane), backplane, "Only the Redis setups run on Redis.");
        var redis = await RedisProcess.StartAsync(cancellationToken);
        var nodes = new List<NodeProcess>();
        try
        {
            for (var i = 0; i < nodeCount; i++)
                nodes.Add(await NodeProcess.StartAsync($"node-{(char)('a' + i)}", NodeSettings.OnRedis(redis, backplane), cancellationToken));
        }
        catch
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }

        return new LocalCluster(backplane, nodes, redis);
    }

    /// <summary>Total resident memory of the running nodes.</summary>
    public long ResidentBytes() => _nodes.Where(n => n.IsRunning).Sum(n => n.ResidentBytes());

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        if (Redis is not null)
            await Redis.DisposeAsync();
    }
}

/// <summary>
/// What a scenario runs against: hub base addresses (nodes, or one nginx address), the organizer key, and the
/// local cluster when the tool started it (faults and memory readings need it; an external deployment has none).
/// </summary>
internal sealed record Deployment(string Name, IReadOnlyList<Uri> Targets, string OrganizerKey, LocalCluster? Cluster = null)
{
    public Uri Target(int index) => Targets[index % Targets.Count];
}

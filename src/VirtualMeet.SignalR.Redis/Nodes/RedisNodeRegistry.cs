using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis.Nodes;

/// <summary>
/// Keeps this node's heartbeat in Redis and detects nodes that stopped heartbeating. Dead-node handlers (for
/// example presence reaping) run on one surviving node; they must be idempotent, because a handler that fails,
/// or a node that dies while reaping, makes the work run again.
/// </summary>
public sealed class RedisNodeRegistry : BackgroundService
{
    private readonly RedisConnection _connection;
    private readonly RedisBackplaneOptions _options;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisNodeKeys _keys;
    private readonly DateTimeOffset _startedAt;
    private readonly List<Func<string, CancellationToken, Task>> _deadNodeHandlers = [];
    private readonly Lock _handlersLock = new();

    /// <summary>Creates the registry for this node.</summary>
    public RedisNodeRegistry(RedisConnection connection, IOptions<RedisBackplaneOptions> options, RedisBackplaneMetrics metrics, TimeProvider timeProvider, ILogger<RedisNodeRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options.Value;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _keys = new RedisNodeKeys(_options.NodeKeyPrefix);
        _startedAt = timeProvider.GetUtcNow();
    }

    /// <summary>This node's id: the backplane's server name.</summary>
    public string NodeId => _options.ServerName;

    /// <summary>Registers work to run once for each node found dead (e.g. reaping its presence entries).</summary>
    public void OnDeadNode(Func<string, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_handlersLock)
        {
            _deadNodeHandlers.Add(handler);
        }
    }

    /// <summary>Writes this node's heartbeat now.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var info = new NodeInfo(NodeId, Environment.MachineName, _startedAt, _metrics.LocalConnections, now);
        var database = _connection.Multiplexer.GetDatabase();
        var write = database.StringSetAsync(_keys.Heartbeat(NodeId), JsonSerializer.Serialize(info), _options.NodeTimeout);
        var member = database.SetAddAsync(_keys.Members, NodeId);
        await Task.WhenAll(write, member).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
    }

    /// <summary>Nodes whose heartbeat is alive.</summary>
    public async Task<IReadOnlyList<NodeInfo>> GetLiveNodesAsync(CancellationToken cancellationToken = default)
    {
        var (_, live) = await ReadNodesAsync(cancellationToken);
        return live;
    }

    /// <summary>Ids of registered nodes whose heartbeat expired and that were not reaped yet.</summary>
    public async Task<IReadOnlyList<string>> GetDeadNodesAsync(CancellationToken cancellationToken = default)
    {
        var (dead, _) = await ReadNodesAsync(cancellationToken);
        return dead;
    }

    /// <summary>Runs the dead-node handlers for every dead node this node can claim; returns the reaped ids.</summary>
    public async Task<IReadOnlyList<string>> ReapDeadNodesAsync(CancellationToken cancellationToken = default)
    {
        Func<string, CancellationToken, Task>[] handlers;
        lock (_handlersLock)
        {
            handlers = [.. _deadNodeHandlers];
        }

        var reaped = new List<string>();
        var database = _connection.Multiplexer.GetDatabase();
        foreach (var nodeId in await GetDeadNodesAsync(cancellationToken))
        {
            // One reaper at a time; the lock expires so a reaper that dies does not block the work forever.
            if (!await database.StringSetAsync(_keys.ReapLock(nodeId), NodeId, _options.NodeTimeout, When.NotExists).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken))
            {
                continue;
            }

            BackplaneLog.NodeDead(_logger, nodeId);
            try
            {
                foreach (var handler in handlers)
                {
                    await handler(nodeId, cancellationToken);
                }

                await database.SetRemoveAsync(_keys.Members, nodeId).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
                reaped.Add(nodeId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                BackplaneLog.DeadNodeHandlerFailed(_logger, nodeId, ex);
                await database.KeyDeleteAsync(_keys.ReapLock(nodeId)).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
            }
        }

        return reaped;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.NodeHeartbeatInterval, _timeProvider);
        try
        {
            do
            {
                try
                {
                    await HeartbeatAsync(stoppingToken);
                    await ReapDeadNodesAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
                {
                    BackplaneLog.HeartbeatFailed(_logger, NodeId, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (or the host was disposed without being stopped): a normal end.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A clean shutdown leaves at once instead of waiting for the heartbeat to expire; presence is reaped by the
        // others like after a crash.
        try
        {
            await _connection.Multiplexer.GetDatabase().KeyDeleteAsync(_keys.Heartbeat(NodeId)).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            BackplaneLog.HeartbeatFailed(_logger, NodeId, ex);
        }
    }

    private async Task<(List<string> Dead, List<NodeInfo> Live)> ReadNodesAsync(CancellationToken cancellationToken)
    {
        var database = _connection.Multiplexer.GetDatabase();
        var members = await database.SetMembersAsync(_keys.Members).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
        var ids = members.Select(m => (string)m!).ToArray();
        if (ids.Length == 0)
        {
            return ([], []);
        }

        var values = await database.StringGetAsync([.. ids.Select(_keys.Heartbeat)]).WaitAsync(_options.PublishTimeout, _timeProvider, cancellationToken);
        var dead = new List<string>();
        var live = new List<NodeInfo>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull)
            {
                dead.Add(ids[i]);
            }
            else if (JsonSerializer.Deserialize<NodeInfo>((string)values[i]!) is { } info)
            {
                live.Add(info);
            }
        }

        return (dead, live);
    }
}

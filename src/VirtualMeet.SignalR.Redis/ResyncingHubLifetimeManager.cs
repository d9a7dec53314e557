using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;
using Official = Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace VirtualMeet.SignalR.Redis;

/// <summary>
/// SignalR's official Redis backplane with the three things our conformance suite needs beyond it (the cases are
/// listed in docs/backplane.md, "Why a layer over the official manager"):
/// <list type="bullet">
/// <item>a send never throws and never hangs its caller: a publish that fails or outlasts
/// <see cref="RedisBackplaneOptions.PublishTimeout"/> is logged, counted and reported to <see cref="BackplaneResync"/>,
/// which asks every node's connections to resynchronise (the official manager throws the Redis exception into the
/// hub method or publisher that pushed, after its state change was already stored);</item>
/// <item>remote group commands and client results are bounded by <see cref="RedisBackplaneOptions.AckTimeout"/> and
/// <see cref="RedisBackplaneOptions.ClientResultTimeout"/> and fail with <see cref="IOException"/> when Redis cannot
/// be reached (the official ack waits up to 30 s);</item>
/// <item>the node knows its local connections, so that <see cref="BackplaneResync"/> can ask them to resynchronise
/// and the node registry can report them.</item>
/// </list>
/// Everything else (channels, envelopes, group and user subscriptions, acks, client results) is the official manager.
/// </summary>
public sealed partial class ResyncingHubLifetimeManager<THub> : HubLifetimeManager<THub>, IResyncTarget, IDisposable
    where THub : Hub
{
    private readonly Official.RedisHubLifetimeManager<THub> _inner;
    private readonly BackplaneResync _resync;
    private readonly RedisBackplaneOptions _options;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HubConnectionStore _local = new();
    private readonly Task _ready;

    /// <summary>Wraps <paramref name="inner"/>; registered for every hub by <c>AddRedisBackplane</c>.</summary>
    public ResyncingHubLifetimeManager(
        Official.RedisHubLifetimeManager<THub> inner,
        RedisConnection connection,
        BackplaneResync resync,
        IOptions<RedisBackplaneOptions> options,
        RedisBackplaneMetrics metrics,
        TimeProvider time,
        ILogger<ResyncingHubLifetimeManager<THub>> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _resync = resync;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _ready = OfficialManagerStart.WaitAsync(inner, connection, _options.StartTimeout, time, logger);
        resync.Register(this);
    }

    /// <summary>The hub this manager serves, for logs.</summary>
    public string HubName { get; } = typeof(THub).Name;

    /// <inheritdoc />
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await WhenReady();
        _local.Add(connection);
        _metrics.ConnectionAdded();
        var subscribe = _inner.OnConnectedAsync(connection);
        try
        {
            await subscribe.WaitAsync(_options.PublishTimeout, _time);
        }
        catch (TimeoutException) when (!subscribe.IsCompleted)
        {
            // Slow, not failed (a loaded node or Redis): the connection is served, and cut after all if its subscribe
            // fails later, so that it reconnects instead of staying deaf. Refusing a handshake over mere slowness
            // would turn load into failed connections.
            _ = subscribe.ContinueWith(
                static (task, state) =>
                {
                    if (task.IsFaulted)
                    {
                        ((HubConnectionContext)state!).Abort();
                    }
                },
                connection,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Refused, not accepted half-way: a subscribe that fails is forgotten by the multiplexer, so a connection
            // kept now would never receive anything sent from other nodes. SignalR closes it and calls
            // OnDisconnectedAsync; the client reconnects once the node is ready again.
            BackplaneLog.SubscribeFailed(_logger, "connection:" + connection.ConnectionId, ex);
            throw new IOException($"The backplane could not reach Redis to subscribe connection '{connection.ConnectionId}'.", ex);
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_local[connection.ConnectionId] is not null)
        {
            _local.Remove(connection);
            _metrics.ConnectionRemoved();
        }

        try
        {
            await _inner.OnDisconnectedAsync(connection).WaitAsync(_options.PublishTimeout, _time);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // The multiplexer forgets the channels locally at once; Redis drops them with the connection it replaces.
            BackplaneLog.UnsubscribeFailed(_logger, "connection:" + connection.ConnectionId, ex);
        }
    }

    /// <inheritdoc />
    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendAllAsync(methodName, args, cancellationToken), "all");

    /// <inheritdoc />
    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken), "all");

    /// <inheritdoc />
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken), connectionId);

    /// <inheritdoc />
    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken), "connections");

    /// <inheritdoc />
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendGroupAsync(groupName, methodName, args, cancellationToken), groupName);

    /// <inheritdoc />
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken), "groups");

    /// <inheritdoc />
    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), groupName);

    /// <inheritdoc />
    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendUserAsync(userId, methodName, args, cancellationToken), "user");

    /// <inheritdoc />
    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _inner.SendUsersAsync(userIds, methodName, args, cancellationToken), "users");

    /// <inheritdoc />
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        GroupCommandAsync(() => _inner.AddToGroupAsync(connectionId, groupName, cancellationToken), "add", connectionId, groupName);

    /// <inheritdoc />
    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        GroupCommandAsync(() => _inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "remove", connectionId, groupName);

    /// <inheritdoc />
    public override async Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        try
        {
            await WhenReady();
            // Cancellation is the official manager's to report (a HubException, as SignalR's own managers do).
            return await _inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken)
                .WaitAsync(_options.ClientResultTimeout, _time, CancellationToken.None);
        }
        catch (RedisException ex)
        {
            throw new IOException($"The backplane could not reach Redis to invoke '{methodName}' on connection '{connectionId}'.", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Connection '{connectionId}' did not answer '{methodName}' within {_options.ClientResultTimeout}.", ex);
        }
    }

    /// <inheritdoc />
    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        _inner.SetConnectionResultAsync(connectionId, result);

    /// <inheritdoc />
    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        _inner.TryGetReturnType(invocationId, out type);

    /// <summary>Connections of this hub held by this node.</summary>
    public int LocalConnectionCount => _local.Count;

    /// <inheritdoc />
    async Task<int> IResyncTarget.AskLocalConnectionsToResyncAsync(SerializedHubMessage resync)
    {
        // Local writes only: Redis may be the very thing that is missing. One serialized message for every connection.
        var writes = new List<Task>(_local.Count);
        foreach (var connection in _local)
        {
            writes.Add(connection.WriteAsync(resync).AsTask());
        }

        try
        {
            await Task.WhenAll(writes);
        }
#pragma warning disable CA1031 // A closed connection failing its write must not stop the others; each is logged.
        catch (Exception)
#pragma warning restore CA1031
        {
            foreach (var write in writes.Where(w => w.IsFaulted))
            {
                BackplaneLog.HandlerFailed(_logger, HubName + ":resync", write.Exception!.GetBaseException());
            }
        }

        return writes.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _resync.Unregister(this);
        _inner.Dispose();
    }

    private Task WhenReady() => _ready.IsCompleted ? Task.CompletedTask : _ready;

    private async Task SendAsync(Func<Task> send, string target)
    {
        try
        {
            await WhenReady();
            await send().WaitAsync(_options.PublishTimeout, _time);
            _metrics.Published();
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Lost for every node's connections, whose subscriptions may be perfectly healthy: they resynchronise.
            _metrics.PublishFailed();
            BackplaneLog.PublishFailed(_logger, HubName + ":" + target, ex);
            _resync.SendFailed();
        }
    }

    private async Task GroupCommandAsync(Func<Task> command, string action, string connectionId, string groupName)
    {
        try
        {
            await WhenReady();
            await command().WaitAsync(_options.AckTimeout, _time);
        }
        catch (Exception ex) when (action == "add" && _local[connectionId] is not null && IsRedisFailure(ex))
        {
            // The official manager records a local member before subscribing the group's channel, and subscribes only
            // for the first member: left in place, a failed subscribe would leave the group deaf on this node for as
            // long as it has members. Undo the add, so the next add subscribes again.
            await UndoLocalAddAsync(connectionId, groupName);
            throw new IOException($"The backplane could not reach Redis to add connection '{connectionId}' to group '{groupName}'.", ex);
        }
        catch (TimeoutException ex)
        {
            _metrics.AckTimedOut();
            throw new TimeoutException($"Group {action} of connection '{connectionId}' to '{groupName}' was not acknowledged within {_options.AckTimeout}.", ex);
        }
        catch (RedisException ex)
        {
            throw new IOException($"The backplane could not reach Redis to {action} connection '{connectionId}' in group '{groupName}'.", ex);
        }
    }

    private async Task UndoLocalAddAsync(string connectionId, string groupName)
    {
        try
        {
            await _inner.RemoveFromGroupAsync(connectionId, groupName).WaitAsync(_options.AckTimeout, _time);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // The unsubscribe failed too; the membership is gone locally, which is what matters.
            BackplaneLog.UnsubscribeFailed(_logger, "group:" + groupName, ex);
        }
    }

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException;
}

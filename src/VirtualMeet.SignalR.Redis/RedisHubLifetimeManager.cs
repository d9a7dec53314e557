using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

/// <summary>
/// A <see cref="HubLifetimeManager{THub}"/> that delivers to connections on every node attached to one Redis,
/// over pub/sub. Delivery is at-most-once and ordered per channel; see docs/backplane.md for the guarantees,
/// the failure behaviour and the limits.
/// </summary>
/// <typeparam name="THub">The hub type.</typeparam>
public sealed partial class RedisHubLifetimeManager<THub> : HubLifetimeManager<THub>, IAsyncDisposable, IDisposable
    where THub : Hub
{
    private readonly HubConnectionStore _connections = new();
    private readonly RedisChannels _channels;
    private readonly RedisSubscriptions _subscriptions;
    private readonly BackplanePublisher _publisher;
    private readonly SubscriptionRepairLoop _repair;
    private readonly AckTracker _acks = new();
    private readonly ClientResultsTracker _results = new();
    private readonly IHubProtocolResolver _protocolResolver;
    private readonly IReadOnlyList<IHubProtocol> _protocols;
    private readonly RedisBackplaneOptions _options;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _started;
    private int _disposed;

    /// <summary>Creates the manager; it starts subscribing at once and never fails because Redis is down.</summary>
    public RedisHubLifetimeManager(
        ILogger<RedisHubLifetimeManager<THub>> logger,
        IOptions<RedisBackplaneOptions> options,
        IHubProtocolResolver hubProtocolResolver,
        RedisConnection connection,
        RedisBackplaneMetrics metrics,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hubProtocolResolver);
        _logger = logger;
        _options = options.Value;
        _protocolResolver = hubProtocolResolver;
        _protocols = hubProtocolResolver.AllProtocols;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _channels = new RedisChannels(_options.ChannelPrefix, typeof(THub).FullName ?? typeof(THub).Name, _options.ServerName);
        var pipelines = new BackplanePipelines(_options, timeProvider);
        _publisher = new BackplanePublisher(connection, pipelines, metrics, logger);
        _subscriptions = new RedisSubscriptions(connection, pipelines, _options, metrics, logger);
        _repair = new SubscriptionRepairLoop(_subscriptions, _channels, connection, _publisher, _options, metrics, timeProvider, logger, OnRecoveredAsync);
        _started = StartAsync();
    }

    /// <summary>The node identity used on the backplane.</summary>
    public string ServerName => _channels.ServerName;

    internal SubscriptionRepairLoop Repair => _repair;

    internal RedisSubscriptions Subscriptions => _subscriptions;

    internal RedisChannels Channels => _channels;

    /// <inheritdoc />
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await _started;
        _connections.Add(connection);
        _metrics.ConnectionAdded();
        await _subscriptions.SubscribeAsync(_channels.Connection(connection.ConnectionId), payload => OnConnectionMessageAsync(connection, payload));
        if (connection.UserIdentifier is { } userId)
        {
            await AddUserAsync(connection, userId);
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await _started;
        _connections.Remove(connection);
        _metrics.ConnectionRemoved();
        await _subscriptions.UnsubscribeAsync(_channels.Connection(connection.ConnectionId));

        // Groups are left locally, never through the remote path: no node would ack for a connection that is gone.
        await RemoveAllMembershipsAsync(connection);

        foreach (var (invocationId, proxied) in _results.ConnectionGone(connection.ConnectionId))
        {
            await _publisher.TryPublishAsync(_channels.Return(proxied.ReturnServer), BackplaneProtocol.WriteConnectionGone(invocationId));
        }
    }

    /// <inheritdoc />
    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishInvocationAsync([_channels.All], methodName, args, null, cancellationToken);

    /// <inheritdoc />
    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        PublishInvocationAsync([_channels.All], methodName, args, excludedConnectionIds, cancellationToken);

    /// <inheritdoc />
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        return SendConnectionsAsync([connectionId], methodName, args, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionIds);
        var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
        List<RedisChannel>? remote = null;
        List<Task>? writes = null;
        foreach (var connectionId in connectionIds)
        {
            // Local connections skip Redis entirely.
            if (_connections[connectionId] is { } local)
            {
                var write = SafeWriteAsync(local, message);
                if (!write.IsCompletedSuccessfully)
                {
                    (writes ??= []).Add(write.AsTask());
                }
            }
            else
            {
                (remote ??= []).Add(_channels.Connection(connectionId));
            }
        }

        if (remote is not null)
        {
            await PublishAsync(remote, BackplaneProtocol.WriteInvocation(message, _protocols), cancellationToken);
        }

        if (writes is not null)
        {
            await Task.WhenAll(writes);
        }
    }

    /// <inheritdoc />
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return PublishInvocationAsync([_channels.Group(groupName)], methodName, args, null, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        return PublishInvocationAsync([.. groupNames.Select(_channels.Group)], methodName, args, null, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return PublishInvocationAsync([_channels.Group(groupName)], methodName, args, excludedConnectionIds, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return PublishInvocationAsync([_channels.User(userId)], methodName, args, null, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        return PublishInvocationAsync([.. userIds.Select(_channels.User)], methodName, args, null, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _repair.DisposeAsync();
        await _subscriptions.UnsubscribeAllAsync();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task StartAsync()
    {
        // Yield so that the constructor returns before any Redis call.
        await Task.Yield();
        await _subscriptions.SubscribeAsync(_channels.All, payload => WriteToStoreAsync(_connections, payload));
        await _subscriptions.SubscribeAsync(_channels.GroupCommands, OnGroupCommandAsync);
        await _subscriptions.SubscribeAsync(_channels.OwnAck, OnAck);
        await _subscriptions.SubscribeAsync(_channels.OwnReturn, OnReturn);
        if (_options.ResyncMethod is { Length: > 0 })
        {
            await _subscriptions.SubscribeAsync(_channels.Resync, OnResyncRequest);
        }

        await _repair.StartAsync();

        // A subscribe can complete before Redis has it (hazard 4); a message sent to a connection of this node in
        // that window would be lost. Connections are served once a probe has come back through every subscription.
        await _repair.WaitUntilProvedAsync(_options.StartTimeout);
    }

    // Delivery is at-most-once: whatever was published while this node's subscriptions were broken is gone, and
    // a client that missed the last push of something would never learn of it. Once the subscriptions are proved
    // again, every local connection is told to fetch its snapshots anew (docs/backplane.md, "Recovery"). A send this
    // node failed to publish was missed by the connections of every node, so then every node is asked, this one too.
    private async Task OnRecoveredAsync(bool sendsLost)
    {
        if (_options.ResyncMethod is not { Length: > 0 })
        {
            return;
        }

        if (sendsLost)
        {
            BackplaneLog.ResyncRequested(_logger, ServerName);
            if (await _publisher.TryPublishAsync(_channels.Resync, BackplaneProtocol.WriteResyncRequest(ServerName)) is not null)
            {
                return; // this node's own connections are asked when the request comes back through its subscription
            }

            _repair.SendLost(); // the other nodes are asked after the next proved probe
        }

        await AskLocalConnectionsToResyncAsync();
    }

    private Task OnResyncRequest(byte[] payload)
    {
        BackplaneProtocol.ReadResyncRequest(payload); // validates the envelope; the sender is in its own log
        return AskLocalConnectionsToResyncAsync();
    }

    private async Task AskLocalConnectionsToResyncAsync()
    {
        if (_options.ResyncMethod is not { Length: > 0 } method)
        {
            return;
        }

        var message = new SerializedHubMessage(new InvocationMessage(method, []));
        var asked = 0;
        foreach (var connection in _connections)
        {
            try
            {
                await connection.WriteAsync(message);
                asked++;
            }
#pragma warning disable CA1031 // One connection's failed write must not keep the others from resynchronising.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                BackplaneLog.WriteFailed(_logger, connection.ConnectionId, ex);
            }
        }

        _metrics.ResyncRequested(asked);
        BackplaneLog.Recovered(_logger, asked, method);
    }

    private async Task PublishInvocationAsync(IReadOnlyList<RedisChannel> channels, string methodName, object?[] args, IReadOnlyList<string>? excluded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(methodName);
        var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
        await PublishAsync(channels, BackplaneProtocol.WriteInvocation(message, _protocols, excluded), cancellationToken);
    }

    // Serialized once, published to each channel. A failed publish is logged and counted, not thrown: delivery is
    // at-most-once and clients resynchronise from snapshots (docs/backplane.md, "Failure behaviour").
    private async Task PublishAsync(IReadOnlyList<RedisChannel> channels, byte[] payload, CancellationToken cancellationToken)
    {
        await _started;
        if (channels.Count == 1)
        {
            if (await _publisher.TryPublishAsync(channels[0], payload, cancellationToken) is null)
            {
                _repair.SendLost();
            }

            return;
        }

        var receivers = await Task.WhenAll(channels.Select(channel => _publisher.TryPublishAsync(channel, payload, cancellationToken)));
        if (receivers.Contains(null))
        {
            _repair.SendLost();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

// Group and user membership. Membership lives in the memory of the node that holds the connection; a channel per
// group or user is subscribed while it has at least one local member (reference counted by the store's size).
public sealed partial class RedisHubLifetimeManager<THub>
{
    // One lock for every membership change and the subscribe/unsubscribe it causes: it keeps "first member
    // subscribes, last member unsubscribes" exact, and makes a disconnect racing an add leave nothing behind.
    private readonly SemaphoreSlim _membershipLock = new(1, 1);
    private readonly ConcurrentDictionary<string, HubConnectionStore> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HubConnectionStore> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _groupsByConnection = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// For a connection on another node this waits for that node's acknowledgement, at most
    /// <see cref="RedisBackplaneOptions.AckTimeout"/>; then it throws <see cref="TimeoutException"/>. If Redis is
    /// unreachable it throws <see cref="IOException"/> at once.
    /// </remarks>
    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        await _started;
        if (_connections[connectionId] is { } connection)
        {
            await AddMembershipAsync(connection, groupName);
            return;
        }

        await SendGroupCommandAsync(GroupAction.Add, connectionId, groupName, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Same waiting and failure behaviour as <see cref="AddToGroupAsync"/>.</remarks>
    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        await _started;
        if (_connections[connectionId] is { } connection)
        {
            await RemoveMembershipAsync(connection, groupName);
            return;
        }

        await SendGroupCommandAsync(GroupAction.Remove, connectionId, groupName, cancellationToken);
    }

    private async Task SendGroupCommandAsync(GroupAction action, string connectionId, string groupName, CancellationToken cancellationToken)
    {
        var (id, acked) = _acks.Create();
        try
        {
            var command = new RedisGroupCommand(id, _channels.ServerName, action, groupName, connectionId);
            await _publisher.PublishAsync(_channels.GroupCommands, BackplaneProtocol.WriteGroupCommand(command), cancellationToken);
            await acked.WaitAsync(_options.AckTimeout, _timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            _metrics.AckTimedOut();
            BackplaneLog.AckTimedOut(_logger, action, connectionId, groupName, _options.AckTimeout);
            throw new TimeoutException($"No node acknowledged {action} of connection '{connectionId}' to group '{groupName}' within {_options.AckTimeout}.");
        }
        finally
        {
            _acks.Forget(id);
        }
    }

    private async Task AddMembershipAsync(HubConnectionContext connection, string groupName)
    {
        await _membershipLock.WaitAsync();
        try
        {
            if (_connections[connection.ConnectionId] is null)
            {
                return; // Disconnected meanwhile: joining now would leave a subscription behind.
            }

            if (!_groupsByConnection.TryGetValue(connection.ConnectionId, out var groups))
            {
                _groupsByConnection[connection.ConnectionId] = groups = new HashSet<string>(StringComparer.Ordinal);
            }

            if (groups.Add(groupName))
            {
                await AddToStoreAsync(_groups, _channels.Group(groupName), groupName, connection);
            }
        }
        finally
        {
            _membershipLock.Release();
        }
    }

    private async Task RemoveMembershipAsync(HubConnectionContext connection, string groupName)
    {
        await _membershipLock.WaitAsync();
        try
        {
            if (_groupsByConnection.TryGetValue(connection.ConnectionId, out var groups) && groups.Remove(groupName))
            {
                await RemoveFromStoreAsync(_groups, _channels.Group(groupName), groupName, connection);
            }
        }
        finally
        {
            _membershipLock.Release();
        }
    }

    private async Task AddUserAsync(HubConnectionContext connection, string userId)
    {
        await _membershipLock.WaitAsync();
        try
        {
            if (_connections[connection.ConnectionId] is not null)
            {
                await AddToStoreAsync(_users, _channels.User(userId), userId, connection);
            }
        }
        finally
        {
            _membershipLock.Release();
        }
    }

    private async Task RemoveAllMembershipsAsync(HubConnectionContext connection)
    {
        await _membershipLock.WaitAsync();
        try
        {
            if (_groupsByConnection.Remove(connection.ConnectionId, out var groups))
            {
                foreach (var groupName in groups)
                {
                    await RemoveFromStoreAsync(_groups, _channels.Group(groupName), groupName, connection);
                }
            }

            if (connection.UserIdentifier is { } userId)
            {
                await RemoveFromStoreAsync(_users, _channels.User(userId), userId, connection);
            }
        }
        finally
        {
            _membershipLock.Release();
        }
    }

    // Callers hold _membershipLock.
    private async Task AddToStoreAsync(ConcurrentDictionary<string, HubConnectionStore> stores, RedisChannel channel, string name, HubConnectionContext connection)
    {
        if (stores.TryGetValue(name, out var store))
        {
            store.Add(connection);
            return;
        }

        store = new HubConnectionStore();
        store.Add(connection);
        stores[name] = store;
        await _subscriptions.SubscribeAsync(channel, payload => WriteToStoreAsync(store, payload));
    }

    // Callers hold _membershipLock.
    private async Task RemoveFromStoreAsync(ConcurrentDictionary<string, HubConnectionStore> stores, RedisChannel channel, string name, HubConnectionContext connection)
    {
        if (!stores.TryGetValue(name, out var store))
        {
            return;
        }

        store.Remove(connection);
        if (store.Count == 0)
        {
            stores.TryRemove(name, out _);
            await _subscriptions.UnsubscribeAsync(channel);
        }
    }
}

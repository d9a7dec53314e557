using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// The hub lifetime manager in use (in memory or the Redis backplane) behind the one door every group join passes,
/// from a hub's <c>Groups</c> or a service's hub context: <see cref="ConnectionGroups"/> counts and caps them, and
/// forgets a connection's groups when it leaves them or disconnects. Everything else is handed through.
/// </summary>
internal sealed class GroupCappedHubLifetimeManager<THub>(InnerHubLifetimeManager<THub> inner, ConnectionGroups groups)
    : HubLifetimeManager<THub>
    where THub : Hub
{
    private readonly HubLifetimeManager<THub> _inner = inner.Manager;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        groups.Connected(connection.ConnectionId);
        try
        {
            await _inner.OnConnectedAsync(connection);
        }
        catch
        {
            groups.Disconnected(connection.ConnectionId);
            throw;
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        try
        {
            await _inner.OnDisconnectedAsync(connection);
        }
        finally
        {
            groups.Disconnected(connection.ConnectionId);
        }
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        // Counted first, so a refused join creates no group (nor, on Redis, a subscription); uncounted if the join fails.
        var fresh = groups.TryCount(connectionId, groupName);
        try
        {
            await _inner.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }
        catch when (fresh)
        {
            groups.Uncount(connectionId, groupName);
            throw;
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        groups.Uncount(connectionId, groupName);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _inner.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        _inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        _inner.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        _inner.TryGetReturnType(invocationId, out type);
}

/// <summary>
/// The manager the backplane registration chose (SignalR's in-memory one or the Redis one), resolved by its own type
/// so that <see cref="GroupCappedHubLifetimeManager{THub}"/> can stand in front of it whichever it is.
/// </summary>
internal sealed class InnerHubLifetimeManager<THub>(IServiceProvider services, InnerHubLifetimeManagerType type)
    where THub : Hub
{
    public HubLifetimeManager<THub> Manager { get; } =
        (HubLifetimeManager<THub>)services.GetRequiredService(type.OpenGeneric.MakeGenericType(typeof(THub)));
}

/// <summary>The open generic type of the manager that <see cref="GroupCappedHubLifetimeManager{THub}"/> decorates.</summary>
internal sealed record InnerHubLifetimeManagerType(Type OpenGeneric);

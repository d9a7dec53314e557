using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// The groups each hub connection of this node is in, counted where every group join passes
/// (<see cref="GroupCappedHubLifetimeManager{THub}"/>, hub and hub context alike): a join beyond
/// <see cref="RealtimeOptions.MaxGroupsPerConnection"/> is refused with <c>rate_limited</c> before any group (or, on
/// Redis, any SUBSCRIBE) exists. Per node on purpose: a connection lives on one node, and so do its groups' entries.
/// </summary>
internal sealed class ConnectionGroups(IOptions<RealtimeOptions> options)
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>How many groups the connection is in (0 for a connection this node does not hold).</summary>
    public int CountOf(string connectionId) =>
        _byConnection.TryGetValue(connectionId, out var groups) ? Locked(groups, () => groups.Count) : 0;

    /// <summary>Every group some connection of this node is in; tests and diagnostics read it.</summary>
    public IReadOnlySet<string> Names() =>
        _byConnection.Values.SelectMany(groups => Locked(groups, () => groups.ToArray())).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Adds the connection to every group of <paramref name="names"/> or, when the cap refuses one, to none it was
    /// not in before: a refused call leaves the connection's groups as they were.
    /// </summary>
    public async Task JoinAllAsync(IGroupManager groups, string connectionId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var joined = new List<string>(names.Count);
        try
        {
            foreach (var name in names)
            {
                var fresh = !Holds(connectionId, name);
                await groups.AddToGroupAsync(connectionId, name, cancellationToken);
                if (fresh)
                    joined.Add(name);
            }
        }
        catch (Refusal)
        {
            foreach (var name in joined)
                await groups.RemoveFromGroupAsync(connectionId, name, CancellationToken.None);
            throw;
        }
    }

    internal void Connected(string connectionId) => _byConnection.TryAdd(connectionId, new HashSet<string>(StringComparer.Ordinal));

    internal void Disconnected(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    /// <summary>
    /// Counts the join, or refuses it. True when the group is new to the connection; false when it was in it already
    /// or the connection is not this node's (joins come from the connection's own hub calls, on its node).
    /// </summary>
    /// <exception cref="Refusal"><c>rate_limited</c> when the connection holds the maximum already.</exception>
    internal bool TryCount(string connectionId, string group)
    {
        if (!_byConnection.TryGetValue(connectionId, out var groups))
            return false;
        var max = options.Value.MaxGroupsPerConnection;
        lock (groups)
        {
            if (groups.Contains(group))
                return false;
            if (groups.Count >= max)
                throw Refusal.RateLimited($"This connection follows {max} rooms or scopes already; leave one first.", TimeSpan.Zero);
            return groups.Add(group);
        }
    }

    internal void Uncount(string connectionId, string group)
    {
        if (_byConnection.TryGetValue(connectionId, out var groups))
            lock (groups)
                groups.Remove(group);
    }

    private bool Holds(string connectionId, string group) =>
        _byConnection.TryGetValue(connectionId, out var groups) && Locked(groups, () => groups.Contains(group));

    private static T Locked<T>(HashSet<string> groups, Func<T> read)
    {
        lock (groups)
            return read();
    }
}

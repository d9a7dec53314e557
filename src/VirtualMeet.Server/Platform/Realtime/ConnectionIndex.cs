using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// This node's hub connections with the token they were opened with (its event, or the scope of tokens that span
/// events), so a revocation finds and closes them. A closed connection is also marked, and <see cref="RevokedConnectionFilter"/> refuses any call it
/// still sends before the transport has gone.
/// </summary>
internal sealed partial class ConnectionIndex(ILogger<ConnectionIndex> logger)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public LiveConnection? Add(HubCallerContext context)
    {
        var user = context.User;
        if (user?.UserId() is not { } subject)
            return null;
        var eventId = TokenRevocations.ScopeOf(user);

        var live = new LiveConnection(eventId, subject, user.FindFirstValue(VirtualMeetClaims.Device), context);
        _connections[context.ConnectionId] = live;
        return live;
    }

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public bool IsRevoked(string connectionId) => _connections.TryGetValue(connectionId, out var live) && live.Revoked;

    /// <summary>
    /// Closes every connection of this node that <paramref name="revocation"/> covers. A scan of all of them: revocations
    /// are rare (an erasure, a device signed out, a purge), so an index per subject would cost every connect for nothing.
    /// </summary>
    public int CloseCovered(Revocation revocation)
    {
        var closed = 0;
        foreach (var live in _connections.Values)
        {
            if (revocation.Covers(live.EventId, live.Subject, live.DeviceId))
            {
                live.Close();
                closed++;
            }
        }

        if (closed > 0)
            LogClosed(closed, revocation.EventId);
        return closed;
    }

    public IEnumerable<LiveConnection> All => _connections.Values;

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections of event {EventId} whose tokens were revoked")]
    private partial void LogClosed(int count, string eventId);
}

/// <summary>An open hub connection opened with a token of an event.</summary>
internal sealed class LiveConnection(string eventId, string subject, string? deviceId, HubCallerContext context)
{
    public string EventId { get; } = eventId;
    public string Subject { get; } = subject;
    public string? DeviceId { get; } = deviceId;
    public HubCallerContext Context { get; } = context;

    // Set by whichever thread handles the revocation, read by the connection's own calls.
    private volatile bool _revoked;

    public bool Revoked => _revoked;

    /// <summary>Marks the connection revoked (its further calls are refused) and closes its transport.</summary>
    public void Close()
    {
        _revoked = true;
        Context.Abort();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Ids;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Counts this node's hub connections per attendee and per client address and refuses one beyond
/// <see cref="RealtimeOptions.MaxConnectionsPerAttendee"/> or <see cref="RealtimeOptions.MaxConnectionsPerAddress"/>
/// with <c>rate_limited</c> before the hub sees it. Per node on purpose: a connection lives on one node, and a
/// cluster-wide count would cost a Redis round trip on every connect for an attacker who can spread out anyway;
/// nginx's <c>limit_conn</c> bounds the address in front of all nodes.
/// </summary>
/// <remarks>
/// New connections are budgeted too, per attendee of an event across all nodes (rate rule <c>connects</c>): a
/// client that stalls a node and reconnects at once, again and again, is refused the same way. That costs one
/// limiter round trip per connect, worth it since reconnecting elsewhere must not reset the budget. Organizers are
/// exempt: they hold the organizer key and no event scope.
/// </remarks>
internal sealed class ConnectionBudgets(IOptions<RealtimeOptions> options, AttendeeRateLimits rateLimits) : IHubFilter
{
    private const string CountedKey = "vm.connection-budgets";

    private readonly ConcurrentDictionary<string, int> _perAttendee = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perAddress = new(StringComparer.Ordinal);

    public int ConnectionsOf(string attendeeId) => _perAttendee.GetValueOrDefault(attendeeId);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var attendee = context.Context.UserIdentifier;
        var address = context.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
        var limits = options.Value;
        if (!TryTake(_perAttendee, attendee, limits.MaxConnectionsPerAttendee))
            throw Refusal.RateLimited($"You hold {limits.MaxConnectionsPerAttendee} connections on this server already; close some tabs.", TimeSpan.Zero);
        if (!TryTake(_perAddress, address, limits.MaxConnectionsPerAddress))
        {
            Return(_perAttendee, attendee);
            throw Refusal.RateLimited($"Your network holds {limits.MaxConnectionsPerAddress} connections on this server already.", TimeSpan.Zero);
        }

        // SignalR calls OnDisconnectedAsync only for connections whose OnConnectedAsync succeeded.
        context.Context.Items[CountedKey] = new Counted(attendee, address);
        try
        {
            await TakeConnectPermitAsync(context.Context);
            await next(context);
        }
        catch
        {
            Release(context.Context);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Release(context.Context);
        }
    }

    private async Task TakeConnectPermitAsync(HubCallerContext connection)
    {
        var user = connection.User;
        if (connection.UserIdentifier is not { } attendee || user is null || user.IsInRole(Roles.Organizer)
            || user.FindFirstValue(VirtualMeetClaims.EventId) is not { } eventId || !EventIds.IsValid(eventId))
        {
            return;
        }

        try
        {
            await rateLimits.AcquireOrThrowAsync(eventId, attendee, RateLimitRules.Connects, connection.ConnectionAborted);
        }
        catch (Exception e) when (StoreOutageHubFilter.OutageIn(e) is not null)
        {
            throw Refusal.Unavailable(StoreOutageHubFilter.Message);
        }
    }

    private void Release(HubCallerContext connection)
    {
        if (!connection.Items.Remove(CountedKey, out var value) || value is not Counted counted)
            return;
        Return(_perAttendee, counted.Attendee);
        Return(_perAddress, counted.Address);
    }

    private static bool TryTake(ConcurrentDictionary<string, int> counts, string? key, int limit)
    {
        if (key is null)
            return true;
        while (true)
        {
            var current = counts.GetValueOrDefault(key);
            if (current >= limit)
                return false;
            if (current == 0 ? counts.TryAdd(key, 1) : counts.TryUpdate(key, current + 1, current))
                return true;
        }
    }

    private static void Return(ConcurrentDictionary<string, int> counts, string? key)
    {
        if (key is null)
            return;
        while (true)
        {
            var current = counts.GetValueOrDefault(key);
            if (current <= 1)
            {
                // Remove only the entry still at 1, so an empty key costs no memory and a racing take is kept.
                if (current == 0 || counts.TryRemove(new KeyValuePair<string, int>(key, 1)))
                    return;
            }
            else if (counts.TryUpdate(key, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed record Counted(string? Attendee, string? Address);
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Bars;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// Pushes <c>TableChanged</c> coalesced per bar: sitting down and standing up only mark a table dirty, and once
/// per push interval each dirty bar gets one push with the current state (and version) of its changed tables.
/// A push claim in the store keeps all nodes together within the rate; a node that loses the claim keeps the
/// bar dirty and tries again, so the last change is always pushed. Private meeting tables go to their pair only.
/// </summary>
internal sealed partial class BarTablesPublisher(
    BarTables tables,
    IBarPushClaims claims,
    IHubContext<BarsHub, IBarsClient> hub,
    IOptions<BarsOptions> options,
    TimeProvider time,
    ILogger<BarTablesPublisher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(string EventId, string BarId), ConcurrentDictionary<string, byte>> _dirty = new();

    public void MarkDirty(string eventId, string barId, string tableId) =>
        _dirty.GetOrAdd((eventId, barId), _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(tableId, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Ticks four times per interval while a push claims a whole interval: the claim bounds the rate, the short
        // tick keeps a change from waiting almost two intervals (the same reasoning as the polls publisher).
        using var timer = new PeriodicTimer(options.Value.PushInterval / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PublishDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round: at most one push per dirty bar. Returns how many pushes went out.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var pushed = 0;
        foreach (var key in _dirty.Keys)
        {
            if (!_dirty.TryRemove(key, out var tableIds))
                continue;

            try
            {
                if (await PublishAsync(key.EventId, key.BarId, tableIds, cancellationToken))
                    pushed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep them dirty: a failed round (Redis briefly away) must not lose the latest seating.
                Requeue(key, tableIds);
                LogPushFailed(e, key.EventId, key.BarId);
            }
        }

        return pushed;
    }

    private async Task<bool> PublishAsync(string eventId, string barId, ConcurrentDictionary<string, byte> tableIds, CancellationToken cancellationToken)
    {
        if (barId == BarIds.Meetings)
        {
            // Two people per table, changing rarely: no claim needed, and nobody else may see them.
            foreach (var tableId in tableIds.Keys)
            {
                if (await tables.FindAsync(eventId, barId, tableId, cancellationToken) is not { Meeting: { } meeting } table)
                    continue;
                var state = await tables.StateAsync(eventId, table, cancellationToken);
                await hub.Clients.Users(meeting.RequesterId, meeting.InviteeId).TableChanged(new BarTablesUpdate(eventId, barId, [state]));
            }

            return true;
        }

        if (!await claims.TryClaimAsync(eventId, barId, options.Value.PushInterval, cancellationToken))
        {
            // Another node pushed this bar within the interval; this node's changes go out in a later round.
            Requeue((eventId, barId), tableIds);
            return false;
        }

        var states = new List<Contracts.Bars.TableState>();
        foreach (var tableId in tableIds.Keys.Order(StringComparer.Ordinal))
        {
            if (await tables.FindAsync(eventId, barId, tableId, cancellationToken) is { } table)
                states.Add(await tables.StateAsync(eventId, table, cancellationToken));
        }

        if (states.Count == 0)
            return false;
        await hub.Clients.Group(BarRooms.Watchers(eventId)).TableChanged(new BarTablesUpdate(eventId, barId, states));
        return true;
    }

    private void Requeue((string EventId, string BarId) key, ConcurrentDictionary<string, byte> tableIds)
    {
        foreach (var tableId in tableIds.Keys)
            MarkDirty(key.EventId, key.BarId, tableId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing table changes of bar {BarId} of event {EventId} failed; retrying")]
    private partial void LogPushFailed(Exception exception, string eventId, string barId);
}

using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Platform.Realtime;

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
    ILogger<BarTablesPublisher> logger) : CoalescingPublisher(time)
{
    private readonly CoalescedPushes<(string EventId, string BarId), ImmutableHashSet<string>> _changed =
        new((marked, more) => marked.Union(more), (e, bar) => LogPushFailed(logger, e, bar.EventId, bar.BarId));

    protected override TimeSpan PushInterval => options.Value.PushInterval;

    public void MarkDirty(string eventId, string barId, string tableId) =>
        _changed.Mark((eventId, barId), [tableId]);

    public override Task<int> PublishDueAsync(CancellationToken cancellationToken) =>
        _changed.RunRoundAsync((bar, tableIds, ct) => PublishAsync(bar.EventId, bar.BarId, tableIds, ct), cancellationToken);

    private async Task<PushOutcome> PublishAsync(string eventId, string barId, ImmutableHashSet<string> tableIds, CancellationToken cancellationToken)
    {
        if (barId == BarIds.Meetings)
        {
            // Two people per table, changing rarely: no claim needed, and nobody else may see them.
            foreach (var tableId in tableIds)
            {
                if (await tables.FindAsync(eventId, barId, tableId, cancellationToken) is not { Meeting: { } meeting } table)
                    continue;
                var state = await tables.StateAsync(eventId, table, cancellationToken);
                await hub.Clients.Users(meeting.RequesterId, meeting.InviteeId).TableChanged(new BarTablesUpdate(eventId, barId, [state]));
            }

            return PushOutcome.Pushed;
        }

        // Another node pushed this bar within the interval: this node's changes go out in a later round.
        if (!await claims.TryClaimAsync(eventId, barId, PushInterval, cancellationToken))
            return PushOutcome.Deferred;

        var states = new List<TableState>();
        foreach (var tableId in tableIds.Order(StringComparer.Ordinal))
        {
            if (await tables.FindAsync(eventId, barId, tableId, cancellationToken) is { } table)
                states.Add(await tables.StateAsync(eventId, table, cancellationToken));
        }

        if (states.Count == 0)
            return PushOutcome.NothingToPush;
        await hub.Clients.Group(BarRooms.Watchers(eventId)).TableChanged(new BarTablesUpdate(eventId, barId, states));
        return PushOutcome.Pushed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing table changes of bar {BarId} of event {EventId} failed; retrying")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string eventId, string barId);
}

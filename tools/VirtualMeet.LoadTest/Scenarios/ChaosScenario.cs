using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>The faults a chaos run injects halfway through the vote.</summary>
internal enum Fault
{
    /// <summary>SIGKILL the last node: no graceful disconnects; its clients move to a live node.</summary>
    KillNode,

    /// <summary>SIGKILL redis-server and start it again on the same port (append-only file, fsync always).</summary>
    RestartRedis,

    /// <summary>Abort every tenth client's socket without a close frame; those clients reconnect.</summary>
    DropSockets,
}

/// <summary>
/// A poll vote on a Redis cluster with a fault injected once half the ballots are counted; with
/// <see cref="Fault.KillNode"/> also a full breakout room whose members on the dead node must be reaped. Clients
/// behave as the contract tells them: a closed connection reconnects to a live node and resynchronises from
/// the snapshot; a vote without a receipt is cast again (<c>already_voted</c> then proves it was counted).
/// Everything is then checked against the store.
/// </summary>
internal static class ChaosScenario
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    public static async Task<ChaosResult> RunAsync(LocalCluster cluster, int attendees, Fault fault, CancellationToken cancellationToken)
    {
        if (cluster.Redis is null || cluster.Nodes.Count < 2)
            throw new InvalidOperationException("A chaos run needs at least two nodes on Redis.");
        var deployment = cluster.Deployment;
        var doomed = cluster.Nodes[^1];
        Progress.Say($"  chaos ({fault}): {attendees:N0} attendees on {cluster.Nodes.Count} nodes");
        await using var audience = await PollAudience.ConnectAsync(deployment, attendees, TimeSpan.FromSeconds(2), cancellationToken);
        await using var room = fault == Fault.KillNode ? await RoomUnderFault.FillAsync(audience, doomed.BaseAddress, cancellationToken) : null;

        await audience.Api.OpenPollAsync(audience.EventId, audience.PollId, cancellationToken);
        var counted = new bool[attendees];
        // First half votes undisturbed; the fault then hits while the second half is voting.
        await VoteAsync(audience, Enumerable.Range(0, attendees / 2), counted, cancellationToken);
        var secondHalf = VoteAsync(audience, Enumerable.Range(attendees / 2, attendees - attendees / 2), counted, cancellationToken);
        var faultAt = Stopwatch.GetTimestamp();
        var affected = await InjectAsync(cluster, audience, fault, cancellationToken);
        room?.WatchReaping(faultAt, cancellationToken);
        await secondHalf;
        var firstPass = counted.Count(c => c);

        // Recovery, as a client does it: reconnect what was dropped (to a live node), resync, vote again where no receipt came.
        var live = cluster.Nodes.Where(n => n.IsRunning).Select(n => n.BaseAddress).ToArray();
        var reconnected = 0;
        var noticed = 0;
        var retriedVotes = 0;
        await BoundedParallel.RunAsync(attendees, 64, async i =>
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(RecoveryBound);
            if (affected.Contains(i) && audience.Clients[i] is { } hit)
            {
                // A client learns of the fault when its socket fails; one that has not noticed within a few seconds
                // gives up on the connection itself (its node is gone or its socket is dead) and moves on.
                try
                {
                    await hit.Closed.WaitAsync(TimeSpan.FromSeconds(5), bound.Token);
                    Interlocked.Increment(ref noticed);
                }
                catch (TimeoutException)
                {
                    hit.DropSocket();
                }
            }

            var mustMove = affected.Contains(i);

            while (!bound.IsCancellationRequested)
            {
                try
                {
                    if (mustMove || audience.Clients[i] is not { IsClosed: false })
                    {
                        await audience.ReconnectAsync(i, live[i % live.Length], bound.Token);
                        mustMove = false;
                        Interlocked.Increment(ref reconnected);
                    }

                    if (!counted[i])
                    {
                        Interlocked.Increment(ref retriedVotes);
                        counted[i] = await TryVoteAsync(audience.Clients[i], audience.PollId, i, bound.Token);
                    }

                    if (counted[i])
                        return 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !bound.IsCancellationRequested)
                {
                    // Redis still restarting or the socket dropped again: try again after a moment.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }

            return 0;
        });
        var recovered = Stopwatch.GetElapsedTime(faultAt);
        Progress.Say($"  chaos ({fault}): {firstPass:N0} counted before recovery, {reconnected:N0} reconnected, {retriedVotes:N0} votes retried; all settled {recovered.TotalSeconds:0.0} s after the fault");

        await audience.Api.ClosePollAsync(audience.EventId, audience.PollId, cancellationToken);
        var truth = await audience.Api.PollResultsAsync(audience.EventId, audience.PollId, cancellationToken);
        var connected = Enumerable.Range(0, attendees).Where(i => audience.Clients[i] is { IsClosed: false }).ToArray();
        await Waiting.UntilAsync(() => connected.All(i => Ballots.SameCounts(audience.Watchers[i].Latest, truth)), TimeSpan.FromSeconds(30), cancellationToken);
        var seats = room is null ? null : await room.SettleAsync(live[0], cancellationToken);
        return new ChaosResult(
            Fault: fault,
            Attendees: attendees,
            CountedBeforeRecovery: firstPass,
            Affected: affected.Count,
            NoticedDrop: noticed,
            Reconnected: reconnected,
            RetriedVotes: retriedVotes,
            AttendeesCounted: counted.Count(c => c),
            StoreVoters: truth.Voters,
            CountsExact: Ballots.SameCounts(truth, Ballots.Expected(Enumerable.Range(0, attendees))),
            ClientsConnected: connected.Length,
            ClientsOffTruth: connected.Count(i => !Ballots.SameCounts(audience.Watchers[i].Latest, truth)),
            Resynced: audience.Watchers.Count(w => w.Resyncs > 0),
            RecoverySeconds: recovered.TotalSeconds,
            Seats: seats);
    }

    /// <summary>True once the store has the ballot: a receipt, or <c>already_voted</c> for a ballot whose receipt was lost.</summary>
    private static async Task<bool> TryVoteAsync(LoadClient? client, string pollId, int attendee, CancellationToken cancellationToken)
    {
        if (client is not { IsClosed: false })
            return false;
        try
        {
            await client.Connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, pollId, Ballots.For(attendee), cancellationToken);
            return true;
        }
        catch (HubException refused) when (HubErrorMessage.TryParse(refused.Message, out var code, out _) && code == ErrorCodes.AlreadyVoted)
        {
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure of the call (dropped socket, node gone, Redis away) leaves the ballot unconfirmed: vote again.
            return false;
        }
    }

    private static async Task VoteAsync(PollAudience audience, IEnumerable<int> attendees, bool[] counted, CancellationToken cancellationToken)
    {
        var list = attendees.ToArray();
        await BoundedParallel.RunAsync(list.Length, 64, async n =>
        {
            var i = list[n];
            counted[i] = await TryVoteAsync(audience.Clients[i], audience.PollId, i, cancellationToken);
            return 0;
        });
    }

    /// <summary>Injects the fault; returns the attendees whose connection it breaks.</summary>
    private static async Task<HashSet<int>> InjectAsync(LocalCluster cluster, PollAudience audience, Fault fault, CancellationToken cancellationToken)
    {
        Progress.Say($"  injecting {fault}");
        var clients = audience.Clients;
        switch (fault)
        {
            case Fault.KillNode:
                var doomed = cluster.Nodes[^1];
                doomed.Crash();
                return Enumerable.Range(0, clients.Length).Where(i => clients[i]?.Node == doomed.BaseAddress).ToHashSet();
            case Fault.RestartRedis:
                await cluster.Redis!.RestartAsync(cancellationToken);
                return [];
            default:
                var dropped = Enumerable.Range(0, clients.Length).Where(i => i % 10 == 0).ToHashSet();
                foreach (var i in dropped)
                    clients[i]?.DropSocket();
                return dropped;
        }
    }
}

/// <param name="Affected">Connections the fault broke (on the killed node, or dropped).</param>
/// <param name="NoticedDrop">Of those, how many saw their connection close within 5 s (the rest were abandoned by the client).</param>
/// <param name="AttendeesCounted">Attendees whose ballot the store acknowledged (receipt or already_voted).</param>
/// <param name="CountsExact">The store's voters and per-option counts equal one ballot per attendee.</param>
/// <param name="ClientsOffTruth">Connected clients whose last poll state differs from the store's final counts.</param>
/// <param name="Resynced">Clients that answered at least one <c>Resync</c> from their node by watching again.</param>
/// <param name="RecoverySeconds">From the fault until every attendee was connected to a live node and counted.</param>
internal sealed record ChaosResult(
    Fault Fault,
    int Attendees,
    int CountedBeforeRecovery,
    int Affected,
    int NoticedDrop,
    int Reconnected,
    int RetriedVotes,
    int AttendeesCounted,
    long StoreVoters,
    bool CountsExact,
    int ClientsConnected,
    int ClientsOffTruth,
    int Resynced,
    double RecoverySeconds,
    SeatCheck? Seats);

using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Polls;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// What one attendee's poll connection saw: the first arrival of every result version (pushes are coalesced, so
/// versions skip by design), duplicates, and the newest state. After a reconnect the <c>Watch</c> snapshot counts
/// as an arrival too: that is how a client resynchronises.
/// </summary>
internal sealed class PollWatcher
{
    private readonly List<(long Version, long At, bool Pushed)> _arrivals = [];
    private readonly Lock _gate = new();
    private long _highest;
    private int _resyncPending;

    public int Duplicates { get; private set; }

    public PollResultsView? Latest { get; private set; }

    public bool SawClose { get; private set; }

    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>How long a client waits at most, at random, before it answers <c>Resync</c> (as the web client does).</summary>
    private const int ResyncJitterMilliseconds = 2000;

    /// <summary>How many times the server asked this client to resynchronise and it did.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Registers the push handlers; <c>Resync</c> is answered by watching <paramref name="eventId"/> again.</summary>
    public void Subscribe(HubConnection connection, string eventId)
    {
        connection.On<PollResultsView>(nameof(IPollsClient.PollResults), r => Record(r, closed: false));
        connection.On<PollState>(nameof(IPollsClient.PollClosed), s =>
        {
            if (s.Results is { } results)
                Record(results, closed: true);
        });
        connection.On(HubClientMethods.Resync, async () =>
        {
            // Several nodes may ask at once; one Watch after the delay answers every request that came meanwhile.
            if (Interlocked.Exchange(ref _resyncPending, 1) == 1)
                return;
            await Task.Delay(Random.Shared.Next(ResyncJitterMilliseconds));
            Volatile.Write(ref _resyncPending, 0);
            try
            {
                Apply(await connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null));
                lock (_gate) Resyncs++;
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or OperationCanceledException)
            {
                // The connection went away meanwhile; the reconnect path resynchronises instead.
            }
        });
    }

    /// <summary>Applies a snapshot from <c>Watch</c> (after connecting or reconnecting).</summary>
    public void Apply(PollWatchSnapshot snapshot)
    {
        foreach (var poll in snapshot.Polls)
        {
            if (poll.Results is { } results)
                Record(results, closed: poll.Poll.Status == PollStatus.Closed, fromSnapshot: true);
        }
    }

    /// <summary>When the first state with <paramref name="version"/> or a later one arrived.</summary>
    public long? ArrivalOf(long version)
    {
        lock (_gate)
        {
            foreach (var (v, at, _) in _arrivals)
            {
                if (v >= version)
                    return at;
            }
        }

        return null;
    }

    /// <summary>Versions that arrived as pushes (not through a snapshot), with their arrival time.</summary>
    public (long Version, long At)[] PushArrivals()
    {
        lock (_gate) return [.. _arrivals.Where(a => a.Pushed).Select(a => (a.Version, a.At))];
    }

    private void Record(PollResultsView results, bool closed, bool fromSnapshot = false)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            SawClose |= closed;
            if (results.Version > _highest)
            {
                _arrivals.Add((results.Version, now, !fromSnapshot));
                Interlocked.Exchange(ref _highest, results.Version);
                Latest = results;
            }
            else if (results.Version == _highest && !fromSnapshot && !closed)
            {
                Duplicates++;
            }
        }
    }
}

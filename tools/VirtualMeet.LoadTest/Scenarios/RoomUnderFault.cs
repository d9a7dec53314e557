using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.LoadTest.Clients;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// The breakout side of a node kill: every attendee races for the room (a quarter of them get a seat), the node
/// dies, the survivors' view and the store must drop the dead node's members (presence reaping), then those
/// members come back through a live node and race for the freed seats. Never more seated than capacity.
/// </summary>
internal sealed class RoomUnderFault : IAsyncDisposable
{
    private readonly PollAudience _audience;
    private readonly Uri _doomed;
    private readonly LoadClient?[] _clients;
    private readonly RoomView[] _views;
    private readonly HashSet<int> _seated;
    private Task<double?> _reaped = Task.FromResult<double?>(null);

    private RoomUnderFault(PollAudience audience, Uri doomed, LoadClient?[] clients, RoomView[] views, HashSet<int> seated, int capacity)
    {
        _audience = audience;
        _doomed = doomed;
        _clients = clients;
        _views = views;
        _seated = seated;
        Capacity = capacity;
    }

    public int Capacity { get; }

    public static async Task<RoomUnderFault> FillAsync(PollAudience audience, Uri doomed, CancellationToken cancellationToken)
    {
        var views = audience.Attendees.Select(_ => new RoomView()).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(audience.Deployment, HubRoutes.Breakouts, audience.Attendees, TimeSpan.FromSeconds(1),
            afterConnect: (_, _) => Task.CompletedTask, subscribe: (i, c) => views[i].Subscribe(c), cancellationToken);
        var seated = new HashSet<int>();
        var capacity = Math.Max(1, audience.Attendees.Length / 4);
        // Attendee 0 (on the first node, which survives) sits down first: the member through whom the store is read.
        if (ramp.Clients[0] is not { } host || !await TryJoinAsync(host, views[0], cancellationToken))
            throw new InvalidOperationException("The first attendee could not take a seat in an empty breakout.");
        seated.Add(0);
        // Half the seats go to members on the node that will die (so the reaping has something to do), then everyone
        // else rushes for the rest.
        foreach (var i in Enumerable.Range(0, ramp.Clients.Length).Where(i => ramp.Clients[i]?.Node == doomed).Take(capacity / 2))
        {
            if (await TryJoinAsync(ramp.Clients[i]!, views[i], cancellationToken))
                seated.Add(i);
        }

        var early = seated.ToHashSet();
        await Task.WhenAll(ramp.Clients.Select(async (client, i) =>
        {
            if (client is null || early.Contains(i))
                return;
            if (await TryJoinAsync(client, views[i], cancellationToken))
            {
                lock (seated) seated.Add(i);
            }
        }));
        Progress.Say($"  breakout: {seated.Count} of {audience.Attendees.Length} seated (capacity {capacity})");
        return new RoomUnderFault(audience, doomed, ramp.Clients, views, seated, capacity);
    }

    /// <summary>From the kill on, polls the store (a surviving member joining again) until no member of the dead node is left.</summary>
    public void WatchReaping(long faultAt, CancellationToken cancellationToken)
    {
        var onDead = _seated.Where(i => _clients[i]!.Node == _doomed).Select(i => _audience.Attendees[i].Id).ToHashSet(StringComparer.Ordinal);
        var survivor = _clients[0]!;
        _reaped = Task.Run(async () =>
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(60));
            while (!bound.IsCancellationRequested)
            {
                var room = await survivor.Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", ScenarioEvent.Breakout, bound.Token);
                if (!room.Participants.Any(p => onDead.Contains(p.ParticipantId)))
                    return (double?)Stopwatch.GetElapsedTime(faultAt).TotalSeconds;
                await Task.Delay(TimeSpan.FromMilliseconds(250), bound.Token);
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>Waits for the reaping, brings the dead node's members back through <paramref name="live"/>, and compares every view with the store.</summary>
    public async Task<SeatCheck> SettleAsync(Uri live, CancellationToken cancellationToken)
    {
        var reapSeconds = await _reaped;
        var onDead = _seated.Where(i => _clients[i]!.Node == _doomed).ToArray();
        var rejoined = 0;
        foreach (var i in onDead)
        {
            var view = new RoomView();
            var client = await LoadClient.ConnectAsync(live, HubRoutes.Breakouts, _audience.Attendees[i], view.Subscribe, cancellationToken);
            _clients[i] = client;
            _views[i] = view;
            if (await TryJoinAsync(client, view, cancellationToken))
                rejoined++;
            else
                _seated.Remove(i);
        }

        var probe = _clients[0]!;
        var truth = (await probe.Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", ScenarioEvent.Breakout, cancellationToken))
            .Participants.Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
        var members = _seated.Where(i => _clients[i] is { IsClosed: false }).ToArray();
        await Measurement.Waiting.UntilAsync(() => members.All(i => _views[i].Current().Participants.SetEquals(truth)), TimeSpan.FromSeconds(30), cancellationToken);
        return new SeatCheck(
            Capacity: Capacity,
            SeatedOnDeadNode: onDead.Length,
            ReapSeconds: reapSeconds,
            Rejoined: rejoined,
            StoreSeated: truth.Count,
            Overbooked: Math.Max(0, truth.Count - Capacity),
            ViewsOffTruth: members.Count(i => !_views[i].Current().Participants.SetEquals(truth)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in _clients.OfType<LoadClient>().Chunk(256))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }

    private static async Task<bool> TryJoinAsync(LoadClient client, RoomView view, CancellationToken cancellationToken)
    {
        try
        {
            view.Apply(await client.Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", ScenarioEvent.Breakout, cancellationToken));
            return true;
        }
        catch (HubException full) when (HubErrorMessage.TryParse(full.Message, out var code, out _) && code == ErrorCodes.RoomFull)
        {
            return false;
        }
    }
}

/// <param name="ReapSeconds">From the kill until the store no longer seated anyone of the dead node; null if not within 60 s.</param>
/// <param name="Rejoined">Members of the dead node seated again through a live node.</param>
/// <param name="ViewsOffTruth">Seated clients whose view of the room differs from the store after settling.</param>
internal sealed record SeatCheck(int Capacity, int SeatedOnDeadNode, double? ReapSeconds, int Rejoined, int StoreSeated, int Overbooked, int ViewsOffTruth);

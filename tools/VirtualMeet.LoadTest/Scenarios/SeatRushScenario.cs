using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// Seat rushes: every racer calls <c>JoinBreakout</c> for one room at once, then every racer calls
/// <c>JoinTable</c> on the bar's small tables at once. Checked against the store: seats taken never exceed
/// capacity, everyone else got <c>room_full</c>, and every seated client's view ends equal to the store's.
/// </summary>
internal static class SeatRushScenario
{
    public static async Task<SeatRushResult> RunAsync(Deployment deployment, int racers, int breakoutSeats, int barTables, int seatsPerTable, CancellationToken cancellationToken)
    {
        using var api = new ConferenceApi(deployment);
        var eventId = await ScenarioEvent.CreateAsync(api, breakoutSeats, barTables, seatsPerTable, cancellationToken);
        var attendees = await api.RegisterAsync(eventId, racers, parallelism: 32, cancellationToken);
        Progress.Say($"  seat rush: {racers:N0} racers for {breakoutSeats} breakout seats and {barTables}×{seatsPerTable} bar seats");
        var breakout = await BreakoutRushAsync(deployment, attendees, breakoutSeats, cancellationToken);
        var bar = await BarRushAsync(deployment, eventId, attendees, barTables, seatsPerTable, cancellationToken);
        await api.DeleteEventAsync(eventId, cancellationToken);
        return new SeatRushResult(racers, breakout, bar);
    }

    private static async Task<RushOutcome> BreakoutRushAsync(Deployment deployment, Attendee[] attendees, int seats, CancellationToken cancellationToken)
    {
        var views = attendees.Select(_ => new RoomView()).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(deployment, HubRoutes.Breakouts, attendees, TimeSpan.FromSeconds(1),
            afterConnect: (_, _) => Task.CompletedTask, subscribe: (i, c) => views[i].Subscribe(c), cancellationToken);
        try
        {
            var latency = new Latencies();
            var outcomes = await Task.WhenAll(ramp.Clients.Select(async (client, i) =>
            {
                if (client is null)
                    return Outcome.NotConnected;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    views[i].Apply(await client.Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", ScenarioEvent.Breakout, cancellationToken));
                    return Outcome.Seated;
                }
                catch (HubException refused)
                {
                    return HubErrorMessage.TryParse(refused.Message, out var code, out _) && code == ErrorCodes.RoomFull ? Outcome.Full : Outcome.Error;
                }
                finally
                {
                    latency.Add(Stopwatch.GetElapsedTime(started));
                }
            }));
            var seated = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i] == Outcome.Seated).ToArray();
            // Joining again keeps the seat and returns the store's current room: the truth.
            var truth = seated.Length == 0
                ? []
                : (await ramp.Clients[seated[0]]!.Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", ScenarioEvent.Breakout, cancellationToken))
                    .Participants.Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
            await Waiting.UntilAsync(() => seated.All(i => views[i].Current().Participants.SetEquals(truth)), TimeSpan.FromSeconds(30), cancellationToken);
            return new RushOutcome(
                Capacity: seats,
                Seated: seated.Length,
                Full: outcomes.Count(o => o == Outcome.Full),
                Errors: outcomes.Count(o => o is Outcome.Error or Outcome.NotConnected),
                StoreSeated: truth.Count,
                Overbooked: Math.Max(0, truth.Count - seats) + Math.Max(0, seated.Length - seats),
                ViewsOffTruth: seated.Count(i => !views[i].Current().Participants.SetEquals(truth)),
                CallLatency: latency.Summarize());
        }
        finally
        {
            await ramp.DisposeAsync();
        }
    }

    private static async Task<RushOutcome> BarRushAsync(Deployment deployment, string eventId, Attendee[] attendees, int tables, int seatsPerTable, CancellationToken cancellationToken)
    {
        var views = attendees.Select(_ => new BarView()).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(deployment, HubRoutes.Bars, attendees, TimeSpan.FromSeconds(1),
            afterConnect: async (i, client) => views[i].Apply(await client.Connection.InvokeAsync<BarsSnapshot>(BarsHubMethods.EnterBars, eventId, cancellationToken)),
            subscribe: (i, c) => views[i].Subscribe(c), cancellationToken);
        try
        {
            var latency = new Latencies();
            var outcomes = await Task.WhenAll(ramp.Clients.Select(async (client, i) =>
            {
                if (client is null)
                    return Outcome.NotConnected;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await client.Connection.InvokeAsync<JoinedTable>(BarsHubMethods.JoinTable, ScenarioEvent.Bar, $"t{i % tables + 1}", cancellationToken);
                    return Outcome.Seated;
                }
                catch (HubException refused)
                {
                    return HubErrorMessage.TryParse(refused.Message, out var code, out _) && code == ErrorCodes.RoomFull ? Outcome.Full : Outcome.Error;
                }
                finally
                {
                    latency.Add(Stopwatch.GetElapsedTime(started));
                }
            }));
            var probe = ramp.Clients.First(c => c is not null)!;
            var truth = (await probe.Connection.InvokeAsync<BarsSnapshot>(BarsHubMethods.EnterBars, eventId, cancellationToken))
                .Bars.Single(b => b.Id == ScenarioEvent.Bar).Tables.ToDictionary(t => t.TableId, StringComparer.Ordinal);
            var live = Enumerable.Range(0, outcomes.Length).Where(i => ramp.Clients[i] is { IsClosed: false }).ToArray();
            await Waiting.UntilAsync(() => live.All(i => views[i].Matches(truth)), TimeSpan.FromSeconds(30), cancellationToken);
            var storeSeated = truth.Values.Sum(t => t.Occupants.Count);
            return new RushOutcome(
                Capacity: tables * seatsPerTable,
                Seated: outcomes.Count(o => o == Outcome.Seated),
                Full: outcomes.Count(o => o == Outcome.Full),
                Errors: outcomes.Count(o => o is Outcome.Error or Outcome.NotConnected),
                StoreSeated: storeSeated,
                Overbooked: truth.Values.Sum(t => Math.Max(0, t.Occupants.Count - t.Seats)),
                ViewsOffTruth: live.Count(i => !views[i].Matches(truth)),
                CallLatency: latency.Summarize());
        }
        finally
        {
            await ramp.DisposeAsync();
        }
    }

    private enum Outcome
    {
        NotConnected,
        Seated,
        Full,
        Error,
    }

    /// <summary>A bar visitor's view of the tables: the snapshot, then every <c>TableChanged</c> with a newer table version.</summary>
    private sealed class BarView
    {
        private readonly Dictionary<string, TableState> _tables = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Subscribe(HubConnection connection) =>
            connection.On<BarTablesUpdate>(nameof(IBarsClient.TableChanged), u =>
            {
                if (u.BarId == ScenarioEvent.Bar)
                    Keep(u.Tables);
            });

        public void Apply(BarsSnapshot snapshot) => Keep(snapshot.Bars.Where(b => b.Id == ScenarioEvent.Bar).SelectMany(b => b.Tables));

        public bool Matches(Dictionary<string, TableState> truth)
        {
            lock (_gate)
            {
                return truth.All(t => _tables.TryGetValue(t.Key, out var seen)
                    && seen.Occupants.Select(o => o.ParticipantId).ToHashSet(StringComparer.Ordinal).SetEquals(t.Value.Occupants.Select(o => o.ParticipantId)));
            }
        }

        private void Keep(IEnumerable<TableState> tables)
        {
            lock (_gate)
            {
                foreach (var table in tables)
                {
                    if (!_tables.TryGetValue(table.TableId, out var known) || table.Version > known.Version)
                        _tables[table.TableId] = table;
                }
            }
        }
    }
}

/// <param name="Overbooked">Seats taken beyond capacity, per the store and per the acknowledged joins (must be 0).</param>
/// <param name="ViewsOffTruth">Clients whose final view of the room or tables differs from the store.</param>
internal sealed record RushOutcome(int Capacity, int Seated, int Full, int Errors, int StoreSeated, int Overbooked, int ViewsOffTruth, LatencySummary CallLatency);

internal sealed record SeatRushResult(int Racers, RushOutcome Breakout, RushOutcome Bar);

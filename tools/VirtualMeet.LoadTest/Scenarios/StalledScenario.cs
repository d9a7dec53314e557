using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// <c>run stalled</c>: every hub's push path (<see cref="PushPath"/>) measured twice in the same room, by the same
/// watchers (round-robin over the nodes): first with everyone reading, then after N attendees joined the room on the
/// first node and stopped reading (<see cref="StalledAudience"/>), who leave again before the next round. The actors
/// sit on the first node too, so a send that waited for a stalled socket would hold up the next action. Measured per
/// phase: action → first push that shows it, at every watcher; the p99 of each round printed side by side, with the
/// ratio of their medians (a shared machine varies far more between rounds than the effect looked for).
/// </summary>
internal static class StalledScenario
{
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<StalledPathResult>> RunAsync(
        Deployment deployment, int watchers, int stalledReaders, int actions, int rounds, TimeSpan settle, CancellationToken cancellationToken)
    {
        var results = new List<StalledPathResult>();
        foreach (var path in PushPath.All())
            results.Add(await RunPathAsync(deployment, path, watchers, stalledReaders, actions, rounds, settle, cancellationToken));
        return results;
    }

    public static string Table(IReadOnlyList<StalledPathResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| push path | watchers | p99 without, per round | p99 with stalled readers, per round | median without | median with | ratio of medians | not delivered |");
        table.AppendLine("|---|---:|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Path} | {r.Watchers:N0} | {Rounds(r.Without)} ms | {Rounds(r.With)} ms ({r.Stalled} stalled) | {r.MedianWithout:N0} ms | {r.MedianWith:N0} ms | {r.Ratio:0.00} | {r.Missing} |"));
        }

        return table.ToString();
    }

    private static string Rounds(IEnumerable<LatencySummary> rounds) =>
        string.Join(", ", rounds.Select(r => r.P99.ToString("N0", CultureInfo.InvariantCulture)));

    private static async Task<StalledPathResult> RunPathAsync(
        Deployment deployment, PushPath path, int watchers, int stalledReaders, int actions, int rounds, TimeSpan settle, CancellationToken cancellationToken)
    {
        var total = 2 * actions * rounds;
        using var api = new ConferenceApi(deployment);
        var eventId = await ScenarioEvent.CreateAsync(api, breakoutSeats: watchers + stalledReaders + 10,
            barTables: total / PushPath.SeatsPerTable + 1, seatsPerTable: PushPath.SeatsPerTable, cancellationToken);
        await path.PrepareAsync(api, eventId, cancellationToken);
        Progress.Say($"  stalled: {path.Name}: {watchers:N0} watchers join");
        var attendees = await api.RegisterAsync(eventId, watchers, parallelism: 32, cancellationToken);
        var arrivals = attendees.Select(_ => new Arrivals(total)).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(deployment, path.Route, attendees, Commands.Ramp(watchers),
            afterConnect: (_, client) => JoinAsync(client.Connection, path, eventId, cancellationToken),
            subscribe: (i, connection) => path.Subscribe(connection, shown => arrivals[i].Record(shown)),
            cancellationToken);
        var actors = new List<LoadClient>();
        try
        {
            foreach (var actor in await api.RegisterAsync(eventId, path.Actors(total), parallelism: 16, cancellationToken))
            {
                actors.Add(await LoadClient.ConnectAsync(deployment.Targets[0], path.Route, actor, _ => { }, cancellationToken));
                await JoinAsync(actors[^1].Connection, path, eventId, cancellationToken);
            }

            var sentAt = new long[total];
            var without = new List<LatencySummary>();
            var with = new List<LatencySummary>();
            var missing = 0;
            var room = new StalledAudience.Room(path.Name, path.Route, path.JoinMethod, path.JoinArguments(eventId));
            for (var round = 0; round < rounds; round++)
            {
                var first = 2 * actions * round;
                // The same pause as before the stalled phase, so that neither phase starts on a machine still busy with the last.
                await Task.Delay(settle, cancellationToken);
                var (reading, missedReading) = await PhaseAsync(path, actors, ramp, arrivals, sentAt, eventId, first, actions, cancellationToken);
                await using var stalled = await StalledAudience.JoinAsync(api, deployment, eventId, stalledReaders, room, settle, cancellationToken);
                var (stalling, missedStalling) = await PhaseAsync(path, actors, ramp, arrivals, sentAt, eventId, first + actions, actions, cancellationToken);
                without.Add(reading);
                with.Add(stalling);
                missing += missedReading + missedStalling;
                Progress.Say($"  stalled: {path.Name}, round {round + 1}: p99 {reading.P99:0} ms without, {stalling.P99:0} ms with {stalled.Count} stalled");
            }

            var result = new StalledPathResult(path.Name, ramp.Held, actions, stalledReaders, without, with, missing);
            await api.DeleteEventAsync(eventId, cancellationToken);
            return result;
        }
        finally
        {
            foreach (var actor in actors)
                await actor.DisposeAsync();
            await ramp.DisposeAsync();
        }
    }

    private static Task<object> JoinAsync(HubConnection connection, PushPath path, string eventId, CancellationToken cancellationToken) =>
        connection.InvokeCoreAsync<object>(path.JoinMethod, path.JoinArguments(eventId), cancellationToken);

    private static async Task<(LatencySummary Latency, int Missing)> PhaseAsync(
        PushPath path, List<LoadClient> actors, RampResult ramp, Arrivals[] arrivals, long[] sentAt, string eventId, int first, int actions, CancellationToken cancellationToken)
    {
        // One action after the other: a send that waited for a slow socket would delay every later one.
        for (var n = first; n < first + actions; n++)
        {
            sentAt[n] = Stopwatch.GetTimestamp();
            await path.ActAsync(actors, n, eventId, cancellationToken);
        }

        var live = Enumerable.Range(0, ramp.Clients.Length).Where(i => ramp.Clients[i] is { IsClosed: false }).ToArray();
        await Waiting.UntilAsync(() => live.All(i => arrivals[i].Missing(first, actions) == 0), DeliveryBound, cancellationToken);
        var latencies = new Latencies();
        foreach (var i in live)
        {
            for (var n = first; n < first + actions; n++)
            {
                if (arrivals[i].At(n) is { } at)
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt[n], at));
            }
        }

        return (latencies.Summarize(), live.Sum(i => arrivals[i].Missing(first, actions)));
    }

    /// <summary>When each action first reached one watcher (a Stopwatch timestamp; 0: not yet).</summary>
    private sealed class Arrivals(int actions)
    {
        private readonly long[] _at = new long[actions];

        public void Record(IEnumerable<int> shown)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var n in shown)
            {
                if (n >= 0 && n < _at.Length)
                    Interlocked.CompareExchange(ref _at[n], now, 0);
            }
        }

        public long? At(int n) => Volatile.Read(ref _at[n]) is var at && at != 0 ? at : null;

        public int Missing(int first, int count) => Enumerable.Range(first, count).Count(n => At(n) is null);
    }
}

/// <summary>One push path: the watchers' latency p99 without and with stalled readers in their room.</summary>
internal sealed record StalledPathResult(
    string Path, int Watchers, int Actions, int Stalled, IReadOnlyList<LatencySummary> Without, IReadOnlyList<LatencySummary> With, int Missing)
{
    public double MedianWithout => Median(Without);

    public double MedianWith => Median(With);

    public double Ratio => MedianWith / Math.Max(1, MedianWithout);

    private static double Median(IReadOnlyList<LatencySummary> rounds)
    {
        var sorted = rounds.Select(r => r.P99).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

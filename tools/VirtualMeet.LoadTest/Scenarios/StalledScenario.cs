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
/// first node and stopped reading (<see cref="StalledAudience"/>). The actors sit on the first node too, so a send
/// that waited for a stalled socket would hold up the next action. Measured per phase: action → first push that shows
/// it, at every watcher; printed side by side with the ratio of the p99s.
/// </summary>
internal static class StalledScenario
{
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<StalledPathResult>> RunAsync(Deployment deployment, int watchers, int stalledReaders, int actions, CancellationToken cancellationToken)
    {
        var results = new List<StalledPathResult>();
        foreach (var path in PushPath.All())
            results.Add(await RunPathAsync(deployment, path, watchers, stalledReaders, actions, cancellationToken));
        return results;
    }

    public static string Table(IReadOnlyList<StalledPathResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| push path | watchers | actions per phase | p99 without | p99 with stalled readers | ratio | not delivered |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Path} | {r.Watchers:N0} | {r.Actions} | {r.Without.P99:N0} ms | {r.With.P99:N0} ms ({r.Stalled} stalled) | {r.Ratio:0.00} | {r.Missing} |"));
        }

        return table.ToString();
    }

    private static async Task<StalledPathResult> RunPathAsync(Deployment deployment, PushPath path, int watchers, int stalledReaders, int actions, CancellationToken cancellationToken)
    {
        using var api = new ConferenceApi(deployment);
        var eventId = await ScenarioEvent.CreateAsync(api, breakoutSeats: watchers + stalledReaders + 10,
            barTables: 2 * actions / PushPath.SeatsPerTable + 1, seatsPerTable: PushPath.SeatsPerTable, cancellationToken);
        await path.PrepareAsync(api, eventId, cancellationToken);
        Progress.Say($"  stalled: {path.Name}: {watchers:N0} watchers join");
        var attendees = await api.RegisterAsync(eventId, watchers, parallelism: 32, cancellationToken);
        var arrivals = attendees.Select(_ => new Arrivals(2 * actions)).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(deployment, path.Route, attendees, Commands.Ramp(watchers),
            afterConnect: (_, client) => JoinAsync(client.Connection, path, eventId, cancellationToken),
            subscribe: (i, connection) => path.Subscribe(connection, shown => arrivals[i].Record(shown)),
            cancellationToken);
        var actors = new List<LoadClient>();
        try
        {
            foreach (var actor in await api.RegisterAsync(eventId, path.Actors(2 * actions), parallelism: 16, cancellationToken))
            {
                actors.Add(await LoadClient.ConnectAsync(deployment.Targets[0], path.Route, actor, _ => { }, cancellationToken));
                await JoinAsync(actors[^1].Connection, path, eventId, cancellationToken);
            }

            var sentAt = new long[2 * actions];
            var without = await PhaseAsync(path, actors, ramp, arrivals, sentAt, eventId, first: 0, actions, cancellationToken);
            await using var stalled = await StalledAudience.JoinAsync(api, deployment, eventId, stalledReaders,
                new StalledAudience.Room(path.Name, path.Route, path.JoinMethod, path.JoinArguments(eventId)), cancellationToken);
            var with = await PhaseAsync(path, actors, ramp, arrivals, sentAt, eventId, first: actions, actions, cancellationToken);
            var result = new StalledPathResult(path.Name, ramp.Held, actions, stalled.Count, without.Latency, with.Latency, without.Missing + with.Missing);
            Progress.Say($"  stalled: {path.Name}: p99 {without.Latency.P99:0} ms without, {with.Latency.P99:0} ms with {stalled.Count} stalled ({result.Ratio:0.00}x)");
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
internal sealed record StalledPathResult(string Path, int Watchers, int Actions, int Stalled, LatencySummary Without, LatencySummary With, int Missing)
{
    public double Ratio => With.P99 / Math.Max(1, Without.P99);
}

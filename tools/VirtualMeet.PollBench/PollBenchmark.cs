using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Testing;

namespace VirtualMeet.PollBench;

/// <summary>
/// One run: an event and an open single-choice poll; attendees registered through REST and connected (not
/// timed); then every attendee votes once through the hub (timed: votes/s). Watchers note when each result
/// version arrives; push latency is, per vote and watcher, the time from the vote's receipt to the first
/// <c>PollResults</c> carrying that version or a later one. It includes the deliberate coalescing delay
/// (up to one push interval, 250 ms by default).
/// </summary>
internal static class PollBenchmark
{
    public static async Task<BenchResult> RunAsync(string name, IReadOnlyList<VirtualMeetNode> nodes, BenchSettings settings)
    {
        var organizer = await TestTokens.OrganizerAsync(nodes[0]);
        using var http = nodes[0].CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", organizer);
        var eventId = $"bench-{Guid.NewGuid():N}"[..20];
        (await http.PostAsJsonAsync("/api/events", Event(eventId))).EnsureSuccessStatusCode();
        var created = await http.PostAsJsonAsync($"/api/events/{eventId}/polls", new CreatePollRequest(
            new PollText("Benchmark?", "Benchmark?"), PollKind.SingleChoice,
            [new PollText("A", "A"), new PollText("B", "B"), new PollText("C", "C"), new PollText("D", "D")]));
        created.EnsureSuccessStatusCode();
        var pollId = (await created.Content.ReadFromJsonAsync<PollState>())!.Poll.Id;

        var tokens = await RegisterAsync(nodes[0], eventId, settings.Voters);
        var watchers = await Task.WhenAll(Enumerable.Range(0, settings.Watchers)
            .Select(i => Watcher.StartAsync(nodes[i % nodes.Count], tokens[i], eventId)));
        var voters = await ParallelAsync(settings.Voters, 64, i => nodes[i % nodes.Count].ConnectAsync(HubRoutes.Polls, tokens[i]));
        (await http.PostAsync($"/api/events/{eventId}/polls/{pollId}/open", null)).EnsureSuccessStatusCode();

        var receipts = new (long Version, long At)[settings.Voters];
        var started = Stopwatch.GetTimestamp();
        await ParallelAsync(settings.Voters, settings.InFlight, async i =>
        {
            var receipt = await voters[i].InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, pollId, new Ballot([i % 4]));
            receipts[i] = (receipt.Version, Stopwatch.GetTimestamp());
            return receipt;
        });
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Wait until every watcher saw the last version (bounded), then measure.
        var last = receipts.Max(r => r.Version);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Task.WhenAll(watchers.Select(w => w.ReachedAsync(last, bound.Token)));
        var latencies = new List<double>(settings.Voters * watchers.Length);
        foreach (var watcher in watchers)
        {
            foreach (var (version, at) in receipts)
            {
                if (watcher.ArrivalOf(version) is { } arrived)
                    latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(at, arrived).TotalMilliseconds));
            }
        }

        latencies.Sort();
        await Task.WhenAll(voters.Select(v => v.DisposeAsync().AsTask()).Concat(watchers.Select(w => w.DisposeAsync().AsTask())));
        return new BenchResult(name, settings.Voters, settings.Voters / elapsed.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), watchers.Average(w => w.Pushes));
    }

    private static async Task<string[]> RegisterAsync(VirtualMeetNode node, string eventId, int count)
    {
        using var http = node.CreateClient();
        return await ParallelAsync(count, 32, async i =>
        {
            var response = await http.PostAsJsonAsync($"/api/events/{eventId}/registrations",
                new { displayName = $"Bench {i}", language = "en" });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<AttendeeRegistrationResponse>())!.AccessToken;
        });
    }

    private static async Task<T[]> ParallelAsync<T>(int count, int parallelism, Func<int, Task<T>> work)
    {
        var results = new T[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(parallelism, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                results[i] = await work(i);
        }));
        return results;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static EventDefinition Event(string id)
    {
        var start = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(2));
        return new EventDefinition(id, "Poll benchmark", "Europe/Berlin", ["en"],
            [new SessionDefinition("keynote", SessionKind.Keynote, new LocalizedText(En: "Keynote"), "en", start, start.AddHours(1))]);
    }

    /// <summary>A watching connection that notes when each result version first arrived.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly List<(long Version, long At)> _ordered = [];
        private readonly Lock _gate = new();
        private HubConnection _connection = null!;
        private long _highest;

        public int Pushes { get; private set; }

        public static async Task<Watcher> StartAsync(VirtualMeetNode node, string token, string eventId)
        {
            var watcher = new Watcher();
            watcher._connection = await node.ConnectAsync(HubRoutes.Polls, token);
            watcher._connection.On<PollResultsView>(nameof(IPollsClient.PollResults), watcher.OnResults);
            await watcher._connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null);
            return watcher;
        }

        /// <summary>When the first push with <paramref name="version"/> or a later one arrived.</summary>
        public long? ArrivalOf(long version)
        {
            lock (_gate)
            {
                foreach (var (v, at) in _ordered)
                {
                    if (v >= version)
                        return at;
                }
            }

            return null;
        }

        public async Task ReachedAsync(long version, CancellationToken cancellationToken)
        {
            while (Interlocked.Read(ref _highest) < version && !cancellationToken.IsCancellationRequested)
                await Task.Delay(20, CancellationToken.None);
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private void OnResults(PollResultsView results)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                Pushes++;
                if (results.Version > _highest)
                {
                    _ordered.Add((results.Version, now));
                    Interlocked.Exchange(ref _highest, results.Version);
                }
            }

        }
    }
}

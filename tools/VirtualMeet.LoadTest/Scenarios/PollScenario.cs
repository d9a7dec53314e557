using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// A poll where every attendee votes within a few seconds of its opening, everyone watching. Measured: votes/s
/// (receipts, i.e. counted in the store), how long until a vote is visible to every watcher (includes the
/// deliberate coalescing, results are pushed at most 4 times per second), how far apart the watchers get the same
/// push (fan-out), duplicates, and whether every watcher ends on the store's final counts.
/// </summary>
internal static class PollScenario
{
    public const int InFlight = 256;
    private const int SampledVotes = 100;

    public static async Task<PollRunResult> RunAsync(PollAudience audience, CancellationToken cancellationToken)
    {
        var api = audience.Api;
        await api.OpenPollAsync(audience.EventId, audience.PollId, cancellationToken);
        var receipts = new (long Version, long At)?[audience.Attendees.Length];
        var refused = 0;
        var started = Stopwatch.GetTimestamp();
        await BoundedParallel.RunAsync(audience.Attendees.Length, InFlight, async i =>
        {
            if (audience.Clients[i] is not { IsClosed: false } client)
                return 0;
            try
            {
                var receipt = await client.Connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, audience.PollId, Ballots.For(i), cancellationToken);
                receipts[i] = (receipt.Version, Stopwatch.GetTimestamp());
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException)
            {
                Interlocked.Increment(ref refused);
            }

            return 0;
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var accepted = receipts.Count(r => r is not null);
        Progress.Say($"  {accepted:N0} votes counted in {elapsed.TotalSeconds:0.0} s ({accepted / elapsed.TotalSeconds:N0}/s), {refused} refused");

        var connected = Enumerable.Range(0, audience.Attendees.Length).Where(i => audience.Clients[i] is { IsClosed: false }).ToArray();
        var last = receipts.Max(r => r?.Version ?? 0);
        await Waiting.UntilAsync(() => connected.All(i => audience.Watchers[i].Highest >= last), TimeSpan.FromSeconds(30), cancellationToken);
        var voteToVisible = VoteToVisible(audience, connected, receipts);
        var fanOut = FanOut(audience, connected);

        await api.ClosePollAsync(audience.EventId, audience.PollId, cancellationToken);
        var truth = await api.PollResultsAsync(audience.EventId, audience.PollId, cancellationToken);
        await Waiting.UntilAsync(() => connected.All(i => audience.Watchers[i].SawClose), TimeSpan.FromSeconds(30), cancellationToken);
        var wrongFinal = connected.Count(i => !Ballots.SameCounts(audience.Watchers[i].Latest, truth) || !audience.Watchers[i].SawClose);
        var expected = Ballots.Expected(Enumerable.Range(0, receipts.Length).Where(i => receipts[i] is not null));
        return new PollRunResult(
            Voters: audience.Attendees.Length,
            Accepted: accepted,
            Refused: refused,
            VotesPerSecond: accepted / elapsed.TotalSeconds,
            VoteToVisible: voteToVisible,
            FanOut: fanOut,
            Watchers: connected.Length,
            WatchersOffTruth: wrongFinal,
            Duplicates: connected.Sum(i => audience.Watchers[i].Duplicates),
            StoreVoters: truth.Voters,
            CountsExact: truth.Voters == accepted && Ballots.SameCounts(truth, expected));
    }

    /// <summary>For a sample of votes spread over the run: receipt → first state at or past its version, per watcher.</summary>
    private static LatencySummary VoteToVisible(PollAudience audience, int[] watchers, (long Version, long At)?[] receipts)
    {
        var latencies = new Latencies();
        var counted = receipts.OfType<(long Version, long At)>().OrderBy(r => r.Version).ToArray();
        var step = Math.Max(1, counted.Length / SampledVotes);
        for (var s = 0; s < counted.Length; s += step)
        {
            var (version, at) = counted[s];
            foreach (var i in watchers)
            {
                if (audience.Watchers[i].ArrivalOf(version) is { } arrived)
                    latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(at, arrived).TotalMilliseconds));
            }
        }

        return latencies.Summarize();
    }

    /// <summary>For each pushed version: each watcher's arrival minus the first watcher's arrival of that version.</summary>
    private static LatencySummary FanOut(PollAudience audience, int[] watchers)
    {
        var firsts = new Dictionary<long, long>();
        var all = watchers.SelectMany(i => audience.Watchers[i].PushArrivals()).ToArray();
        foreach (var (version, at) in all)
            firsts[version] = firsts.TryGetValue(version, out var first) ? Math.Min(first, at) : at;
        var latencies = new Latencies();
        foreach (var (version, at) in all)
            latencies.Add(Stopwatch.GetElapsedTime(firsts[version], at));
        return latencies.Summarize();
    }
}

internal sealed record PollRunResult(
    int Voters,
    int Accepted,
    int Refused,
    double VotesPerSecond,
    LatencySummary VoteToVisible,
    LatencySummary FanOut,
    int Watchers,
    int WatchersOffTruth,
    int Duplicates,
    long StoreVoters,
    bool CountsExact);

/// <summary>Attendee i always picks option i % 4, so the expected counts follow from who was counted.</summary>
internal static class Ballots
{
    public const int Options = 4;

    public static Ballot For(int attendee) => new([attendee % Options]);

    public static PollResultsView Expected(IEnumerable<int> counted)
    {
        var list = counted.ToList();
        return new PollResultsView("", "", 0, PollStatus.Closed, list.Count,
            Enumerable.Range(0, Options).Select(o => new OptionCount(o, list.Count(i => i % Options == o))).ToList());
    }

    public static bool SameCounts(PollResultsView? seen, PollResultsView truth) =>
        seen is not null && seen.Voters == truth.Voters && Enumerable.Range(0, Options).All(o => Count(seen, o) == Count(truth, o));

    private static long Count(PollResultsView results, int option) =>
        results.Options.FirstOrDefault(c => c.Option == option)?.Count ?? 0;
}

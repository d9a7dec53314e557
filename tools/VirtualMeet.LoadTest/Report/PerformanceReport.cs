using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Report;

/// <summary>
/// The whole measurement behind docs/performance.md: one in-memory node and two nodes on the official Redis backplane
/// (on a private Redis) run every scenario side by side in the same run, the baseline hub holds the same connection
/// counts, then the split 2-node hold, the backplane benchmark, the PUBLISH ceiling and one fresh cluster per fault. Fails loudly (exception, non-zero exit) rather
/// than writing a partial report.
/// </summary>
internal static class PerformanceReport
{
    public static async Task RunAsync(string outPath, bool quick, CancellationToken cancellationToken)
    {
        var plan = quick ? ReportPlan.Quick : ReportPlan.Full;
        // The largest share one process holds: its connections plus the REST clients and the process's own files.
        FileLimits.Require(Math.Max(plan.Sizes.Max(), plan.SplitHold / plan.SplitHoldProcesses) + 1_000);
        var facts = MachineFacts.Read();
        Progress.Say($"report: sizes {string.Join(", ", plan.Sizes)}, split hold {plan.SplitHold:N0}; {facts.Cores} cores, load {facts.LoadBefore}");
        var commits = new Dictionary<Setup, string>();
        var soaks = new List<(Setup Setup, SoakResult Soak, PollRunResult Poll)>();
        var baselines = new List<SoakResult>();
        var keynotes = new List<(Setup Setup, KeynoteRunResult Result)>();
        var rushes = new List<(Setup Setup, SeatRushResult Result)>();
        await using (var inMemory = await LocalCluster.StartInMemoryAsync(cancellationToken))
        await using (var official = await LocalCluster.StartOnRedisAsync(2, Setup.OfficialRedis, cancellationToken))
        await using (var baseline = await LocalCluster.StartBaselineAsync(cancellationToken))
        {
            LocalCluster[] setups = [inMemory, official];
            foreach (var cluster in setups.Append(baseline))
                commits[cluster.Setup] = cluster.Commit;
            foreach (var size in plan.Sizes)
            {
                foreach (var cluster in setups)
                {
                    Progress.Say($"soak + poll, {size:N0} attendees, {cluster.Name}");
                    var (audience, soak) = await SoakScenario.RunAsync(cluster.Deployment, size, Commands.Ramp(size), plan.Hold, cancellationToken);
                    await using (audience)
                        soaks.Add((cluster.Setup, soak, await PollScenario.RunAsync(audience, cancellationToken)));
                }

                Progress.Say($"soak, {size:N0} connections, {baseline.Name}");
                baselines.Add(await SoakScenario.RunBaselineAsync(baseline, size, Commands.Ramp(size), plan.Hold, cancellationToken));
            }

            foreach (var cluster in setups)
            {
                Progress.Say($"keynote, {plan.Audience:N0} viewers, {cluster.Name}");
                keynotes.Add((cluster.Setup, await KeynoteScenario.RunAsync(cluster.Deployment, plan.Audience, plan.Chatters, plan.LinesPerChatter, plan.ReactionsPerAttendee, cancellationToken)));
            }

            foreach (var cluster in setups)
            {
                Progress.Say($"seat rushes, {plan.Racers:N0} racers, {cluster.Name}");
                rushes.Add((cluster.Setup, await SeatRushScenario.RunAsync(cluster.Deployment, plan.Racers, plan.BreakoutSeats, plan.BarTables, plan.SeatsPerTable, cancellationToken)));
            }
        }

        // Alone on the machine (the side-by-side clusters are gone): the largest run, where one process's descriptors do not suffice.
        var splitHolds = new List<(Setup Setup, SplitHoldResult Result)>();
        foreach (var backplane in SetupNames.OnRedis)
        {
            Progress.Say($"split hold, {plan.SplitHold:N0} connections from {plan.SplitHoldProcesses} processes, {backplane.Name()}");
            await using var cluster = await LocalCluster.StartOnRedisAsync(2, backplane, cancellationToken);
            splitHolds.Add((backplane, await SplitHoldScenario.RunAsync(cluster, plan.SplitHold, plan.SplitHoldProcesses, plan.Hold, cancellationToken)));
        }

        var sendAlls = new List<SendAllRun>();
        foreach (var group in new[] { false, true })
        {
            Progress.Say($"backplane benchmark, {(group ? "SendGroup" : "SendAll")} to {plan.SendAllConnections:N0} connections");
            sendAlls.Add(await BackplaneBenchmark.RunAsync(group, plan.SendAllConnections, plan.SendAllSeconds, cancellationToken));
        }

        Progress.Say("redis-benchmark PUBLISH ceiling");
        var ceiling = await RedisPublishCeiling.MeasureAsync(cancellationToken);
        var chaos = new List<(Setup Setup, ChaosResult Result)>();
        foreach (var backplane in SetupNames.OnRedis)
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                Progress.Say($"chaos: {fault}, {plan.ChaosAttendees} attendees, {backplane.Name()}");
                await using var cluster = await LocalCluster.StartOnRedisAsync(2, backplane, cancellationToken);
                chaos.Add((backplane, await ChaosScenario.RunAsync(cluster, plan.ChaosAttendees, fault, cancellationToken)));
            }
        }

        var data = new ReportData(plan, facts with { LoadAfter = MachineFacts.Read().LoadBefore }, commits, soaks, baselines, keynotes, rushes,
            splitHolds, sendAlls, ceiling, chaos);
        await File.WriteAllTextAsync(outPath, MarkdownReport.Write(data), cancellationToken);
        Progress.Say($"wrote {outPath}");
    }
}

/// <summary>What a report run measures; the quick plan is for trying the command, not for the committed report.</summary>
/// <param name="SplitHold">Connections held on 2 nodes from <paramref name="SplitHoldProcesses"/> load-tool processes.</param>
internal sealed record ReportPlan(
    int[] Sizes, TimeSpan Hold, int Audience, int Chatters, int LinesPerChatter, int ReactionsPerAttendee,
    int Racers, int BreakoutSeats, int BarTables, int SeatsPerTable, int ChaosAttendees,
    int SplitHold, int SplitHoldProcesses, int SendAllConnections, int SendAllSeconds)
{
    public static readonly ReportPlan Full = new([1_000, 5_000, 10_000, 15_000], TimeSpan.FromSeconds(20), Audience: 1_000, Chatters: 20, LinesPerChatter: 10,
        ReactionsPerAttendee: 5, Racers: 1_000, BreakoutSeats: 100, BarTables: 50, SeatsPerTable: 6, ChaosAttendees: 500,
        SplitHold: 30_000, SplitHoldProcesses: 2, SendAllConnections: 1_000, SendAllSeconds: 10);

    public static readonly ReportPlan Quick = new([200, 500], TimeSpan.FromSeconds(3), Audience: 200, Chatters: 10, LinesPerChatter: 5,
        ReactionsPerAttendee: 3, Racers: 200, BreakoutSeats: 20, BarTables: 10, SeatsPerTable: 6, ChaosAttendees: 200,
        SplitHold: 600, SplitHoldProcesses: 2, SendAllConnections: 200, SendAllSeconds: 5);
}

/// <param name="Commits">The commit of the build each setup ran, read from its binary.</param>
/// <param name="Baselines">The baseline hub's soak at each of <see cref="ReportPlan.Sizes"/>, in that order.</param>
internal sealed record ReportData(
    ReportPlan Plan,
    MachineFacts Machine,
    IReadOnlyDictionary<Setup, string> Commits,
    IReadOnlyList<(Setup Setup, SoakResult Soak, PollRunResult Poll)> Soaks,
    IReadOnlyList<SoakResult> Baselines,
    IReadOnlyList<(Setup Setup, KeynoteRunResult Result)> Keynotes,
    IReadOnlyList<(Setup Setup, SeatRushResult Result)> Rushes,
    IReadOnlyList<(Setup Setup, SplitHoldResult Result)> SplitHolds,
    IReadOnlyList<SendAllRun> SendAlls,
    PublishCeiling Ceiling,
    IReadOnlyList<(Setup Setup, ChaosResult Result)> Chaos)
{
    public (SoakResult Soak, PollRunResult Poll) At(Setup setup, int size)
    {
        var row = Soaks.Single(s => s.Setup == setup && s.Soak.Requested == size);
        return (row.Soak, row.Poll);
    }

    public SoakResult BaselineAt(int size) => Baselines.Single(b => b.Requested == size);
}

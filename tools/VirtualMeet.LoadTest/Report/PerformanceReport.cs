using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Report;

/// <summary>
/// The whole measurement behind docs/performance.md: both setups (one in-memory node; two nodes on Redis) run
/// every scenario side by side in the same run, then the PUBLISH ceiling, then one fresh cluster per fault.
/// Fails loudly (exception, non-zero exit) rather than writing a partial report.
/// </summary>
internal static class PerformanceReport
{
    public static async Task RunAsync(string outPath, bool quick, CancellationToken cancellationToken)
    {
        var plan = quick ? ReportPlan.Quick : ReportPlan.Full;
        var facts = MachineFacts.Read();
        Progress.Say($"report: sizes {string.Join(", ", plan.Sizes)}; {facts.Cores} cores, load {facts.LoadBefore}");
        var soaks = new List<(string Setup, SoakResult Soak, PollRunResult Poll)>();
        var keynotes = new List<(string Setup, KeynoteRunResult Result)>();
        var rushes = new List<(string Setup, SeatRushResult Result)>();
        await using (var inMemory = await LocalCluster.StartInMemoryAsync(cancellationToken))
        await using (var onRedis = await LocalCluster.StartOnRedisAsync(2, cancellationToken))
        {
            LocalCluster[] setups = [inMemory, onRedis];
            foreach (var size in plan.Sizes)
            {
                foreach (var cluster in setups)
                {
                    Progress.Say($"soak + poll, {size:N0} attendees, {cluster.Name}");
                    var (audience, soak) = await SoakScenario.RunAsync(cluster.Deployment, size, Commands.Ramp(size), plan.Hold, cancellationToken);
                    await using (audience)
                        soaks.Add((cluster.Name, soak, await PollScenario.RunAsync(audience, cancellationToken)));
                }
            }

            foreach (var cluster in setups)
            {
                Progress.Say($"keynote, {plan.Audience:N0} viewers, {cluster.Name}");
                keynotes.Add((cluster.Name, await KeynoteScenario.RunAsync(cluster.Deployment, plan.Audience, plan.Chatters, plan.LinesPerChatter, plan.ReactionsPerAttendee, cancellationToken)));
            }

            foreach (var cluster in setups)
            {
                Progress.Say($"seat rushes, {plan.Racers:N0} racers, {cluster.Name}");
                rushes.Add((cluster.Name, await SeatRushScenario.RunAsync(cluster.Deployment, plan.Racers, plan.BreakoutSeats, plan.BarTables, plan.SeatsPerTable, cancellationToken)));
            }
        }

        Progress.Say("redis-benchmark PUBLISH ceiling");
        var ceiling = await RedisPublishCeiling.MeasureAsync(cancellationToken);
        var chaos = new List<ChaosResult>();
        foreach (var fault in Enum.GetValues<Fault>())
        {
            Progress.Say($"chaos: {fault}, {plan.ChaosAttendees} attendees on 2 nodes");
            await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);
            chaos.Add(await ChaosScenario.RunAsync(cluster, plan.ChaosAttendees, fault, cancellationToken));
        }

        var markdown = MarkdownReport.Write(new ReportData(plan, facts, soaks, keynotes, rushes, ceiling, chaos));
        await File.WriteAllTextAsync(outPath, markdown, cancellationToken);
        Progress.Say($"wrote {outPath}");
    }
}

/// <summary>What a report run measures; the quick plan is for trying the command, not for the committed report.</summary>
internal sealed record ReportPlan(
    int[] Sizes, TimeSpan Hold, int Audience, int Chatters, int LinesPerChatter, int ReactionsPerAttendee,
    int Racers, int BreakoutSeats, int BarTables, int SeatsPerTable, int ChaosAttendees)
{
    public static readonly ReportPlan Full = new([1_000, 5_000, 10_000], TimeSpan.FromSeconds(20), Audience: 1_000, Chatters: 20, LinesPerChatter: 10,
        ReactionsPerAttendee: 5, Racers: 1_000, BreakoutSeats: 100, BarTables: 50, SeatsPerTable: 6, ChaosAttendees: 500);

    public static readonly ReportPlan Quick = new([200, 500], TimeSpan.FromSeconds(3), Audience: 200, Chatters: 10, LinesPerChatter: 5,
        ReactionsPerAttendee: 3, Racers: 200, BreakoutSeats: 20, BarTables: 10, SeatsPerTable: 6, ChaosAttendees: 200);
}

internal sealed record ReportData(
    ReportPlan Plan,
    MachineFacts Machine,
    IReadOnlyList<(string Setup, SoakResult Soak, PollRunResult Poll)> Soaks,
    IReadOnlyList<(string Setup, KeynoteRunResult Result)> Keynotes,
    IReadOnlyList<(string Setup, SeatRushResult Result)> Rushes,
    PublishCeiling Ceiling,
    IReadOnlyList<ChaosResult> Chaos);

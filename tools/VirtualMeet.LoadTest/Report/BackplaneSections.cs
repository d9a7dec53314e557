using System.Globalization;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Report;

/// <summary>The sections only the Redis setups have: the split hold beyond one process's descriptors, and the backplane benchmark.</summary>
internal static class BackplaneSections
{
    public static void WriteSplitHold(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line(f($"## {data.Plan.SplitHold:N0} connections on 2 nodes"));
        line("");
        line(f($"One load-tool process may open about 20,000 files here (`ulimit -Hn`), so {data.Plan.SplitHoldProcesses} child processes of the tool (`run hold`) each register and connect {data.Plan.SplitHold / data.Plan.SplitHoldProcesses:N0} attendees round-robin over both nodes, exactly as the soak does, while the report counts every second of a {data.Plan.Hold.TotalSeconds:0} s hold what all of them hold at once. Each Redis setup runs alone on a fresh pair of nodes, after the side-by-side clusters are gone."));
        line("");
        line("| setup | connections | processes | held | lowest held | failed | ramp s | server RSS MB | KB per connection |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (setup, h) in data.SplitHolds)
            line(f($"| {setup.Name()} | {h.Requested:N0} | {h.Processes} | {h.Held:N0} | {h.LowestHeld:N0} | {h.Failures:N0} | {h.RampTime.TotalSeconds:0.0} | {h.ServerResidentBytes / 1048576.0:N0} | {(h.BytesPerConnection ?? 0) / 1024:N1} |"));
        foreach (var (setup, h) in data.SplitHolds.Where(h => h.Result.FirstError is not null))
            line(f($"\n{setup.Name()}, first failed handshake: {h.FirstError}"));
        line("");
    }

    public static void WriteBenchmark(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## The backplane alone: SendAll and SendGroup");
        line("");
        line("`tools/VirtualMeet.Benchmarks sendall` in its own process: one server per manager in that process (no VirtualMeet hubs,");
        line("stores or auth), each with the same number of WebSocket clients, the official manager on a private Redis. The server");
        line("sends with 16 messages in flight; a message is complete when every client has it. The managers take turns in 5 interleaved");
        line("rounds, so background load hits both alike; the rate is the median round. SendGroup sends to one group every client joined, which crosses a Redis backplane on the group's channel.");
        line("");
        foreach (var run in data.SendAlls)
        {
            line("```sh");
            line(run.Command);
            line("```");
        }

        line("");
        line("| target | manager | clients | msgs/s (median) | deliveries/s | p50 ms | p99 ms | msgs/s of the rounds | × in-memory |");
        line("|---|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var run in data.SendAlls)
        {
            var solo = run.Of(Setup.InMemory).MessagesPerSecond;
            foreach (var setup in new[] { Setup.InMemory }.Concat(SetupNames.OnRedis))
            {
                var m = run.Of(setup);
                var rounds = string.Join(", ", m.RoundMessagesPerSecond.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));
                line(f($"| {(run.Target == "group" ? "SendGroup" : "SendAll")} | {Manager(setup)} | {run.Connections:N0} | {m.MessagesPerSecond:N0} | {m.DeliveriesPerSecond:N0} | {m.P50Milliseconds:N0} | {m.P99Milliseconds:N0} | {rounds} | {m.MessagesPerSecond / solo:P0} |"));
            }
        }

        line("");
        line(f($"Load average before and after each benchmark: {string.Join("; ", data.SendAlls.Select(r => f($"{(r.Target == "group" ? "SendGroup" : "SendAll")} {Load(r.LoadBefore)} → {Load(r.LoadAfter)}")))}."));
        line("");
    }

    /// <summary>The three averages of a /proc/loadavg line (the benchmark prints the whole line).</summary>
    private static string Load(string loadavg) => string.Join(' ', loadavg.Split(' ').Take(3));

    private static string Manager(Setup setup) => setup switch
    {
        Setup.InMemory => "SignalR in-memory (one node)",
        Setup.OfficialRedis => "official Redis + resync layer",
        _ => setup.Name(),
    };
}

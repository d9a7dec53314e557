using System.Globalization;
using System.Text;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Measurement;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest.Report;

/// <summary>Renders docs/performance.md from one report run: the goals first, then one short table per scenario.</summary>
internal static class MarkdownReport
{
    public static string Write(ReportData data)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        Line("# Performance");
        Line();
        Line("Measured figures and the one command that regenerates this page. Numbers depend on the machine: rerun it on yours");
        Line("before relying on them.");
        Line();
        Line("```sh");
        Line("scripts/perf.sh            # builds Release, raises ulimit -n, runs the load tool's `report`, rewrites this file (~40 min on a quiet machine)");
        Line("scripts/perf.sh --quick --out /tmp/perf.md   # a few minutes: the same steps at small sizes, for trying the command");
        Line("```");
        Line();
        Line(F($"Machine: {data.Machine.Cores} cores ({data.Machine.CpuModel}), {data.Machine.Os}, .NET {data.Machine.Runtime}; load average before the run: {data.Machine.LoadBefore}, after it: {data.Machine.LoadAfter}."));
        Line("The load generator (every client) and the servers share these cores, so all figures are lower bounds for dedicated servers.");
        if (double.TryParse(data.Machine.LoadBefore.Split(' ')[0], CultureInfo.InvariantCulture, out var load) && load > data.Machine.Cores)
            Line("The machine was busy before the run (load average above the core count: other builds and tests were running), so these figures are noisy; rerun on a quiet machine before drawing conclusions.");
        Line();
        Line("Setups, measured side by side in the same run (each scenario runs on every setup in turn, so background load hits all");
        Line("of them): **in-memory, 1 node** (one server process, in-memory stores, SignalR's in-memory manager), **official Redis,");
        Line("2 nodes** (`Realtime:Backplane=Redis`: two server processes, Redis stores, SignalR's official Redis backplane under the");
        Line("resync layer, on a private redis-server with an append-only file); and, for the memory of a held connection,");
        Line("the **baseline hub** (`tools/VirtualMeet.BaselineHub`: one process, one empty hub, no auth, SignalR's in-memory manager).");
        Line("Nodes are the release build started as child processes on loopback");
        Line("(`tools/VirtualMeet.LoadTest/Cluster`); clients are the official .NET SignalR client over WebSockets (no negotiate");
        Line("step, see `Clients/LoadClient.cs`), spread round-robin");
        Line(F($"over the nodes. Node settings differing from the defaults: logs at Warning; rate limits `chat` {NodeSettings.ChatPermitsPer10Seconds} per 10 s and `reactions` {NodeSettings.ReactionsPermitsPerSecond} per 1 s"));
        Line("(the defaults, 5 per 10 s and 10 per s, would refuse most of the keynote burst, which would measure the limiter).");
        Line();
        Line("Commit measured, read from each setup's binary (the SDK stamps it into the informational version):");
        Line();
        Line("| setup | commit |");
        Line("|---|---|");
        foreach (var (setup, commit) in data.Commits)
            Line($"| {setup.Name()} | `{commit}` |");
        foreach (var run in data.SendAlls)
            Line($"| backplane benchmark, {(run.Target == "group" ? "SendGroup" : "SendAll")} | `{run.Commit}` |");
        Line();
        GoalsSection.Write(data, Line, F);
        WriteSoak(data, Line, F);
        WritePoll(data, Line, F);
        BackplaneSections.WriteSplitHold(data, Line, F);
        BackplaneSections.WriteBenchmark(data, Line, F);
        WriteKeynote(data, Line, F);
        WriteRushes(data, Line, F);
        WriteCeiling(data, Line, F);
        WriteChaos(data, Line, F);
        return md.ToString();
    }

    private static void WriteSoak(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Idle soak: connections held");
        line("");
        line(f($"Each attendee registers through REST, opens one `/hubs/polls` connection at a random moment within the ramp window (jitter), calls `Watch`, and holds it for {data.Plan.Hold.TotalSeconds:0} s. The baseline hub gets the same number of anonymous connections the same way, which call nothing. Memory: the server processes' resident memory (VmRSS) after the hold minus before the ramp, per held connection; × baseline divides it by the baseline hub's figure at the same count."));
        line("");
        line("| setup | connections | held | lowest held | failed | ramp s | server RSS MB | KB per connection | × baseline |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rows = data.Soaks.Select(s => (Setup: s.Setup, s.Soak)).Concat(data.Baselines.Select(b => (Setup: Setup.BaselineHub, Soak: b)));
        foreach (var (setup, soak) in rows.OrderBy(r => r.Soak.Requested))
            line(f($"| {setup.Name()} | {soak.Requested:N0} | {soak.Held:N0} | {soak.LowestHeld:N0} | {soak.Failures:N0} | {soak.RampTime.TotalSeconds:0.0} | {(soak.ServerResidentBytes ?? 0) / 1048576.0:N0} | {(soak.BytesPerConnection ?? 0) / 1024:N1} | {soak.BytesPerConnection / data.BaselineAt(soak.Requested).BytesPerConnection:0.00} |"));
        line("");
        var short_ = data.Soaks.Select(s => s.Soak).Concat(data.Baselines).Where(s => s.Held < s.Requested).ToList();
        if (short_.Count > 0)
            line(f($"Not every connection was held in {short_.Count} run(s): failures are handshakes that did not complete (timeouts on the saturated cores) or connections the server closed; the tool counts them instead of retrying."));
        line("");
    }

    private static void WritePoll(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Poll: everyone votes within seconds");
        line("");
        line(f($"Through the held connections: the organizer opens a 4-option poll, every attendee votes once ({PollScenario.InFlight} votes in flight), everyone watches. **vote → visible**: from a vote's receipt to the first state at or past its version at each watcher (100 votes sampled over the run × every watcher); it includes the deliberate coalescing (at most 4 result pushes per second per poll, so up to 250 ms by design). **fan-out**: for every pushed version, each watcher's arrival minus the first watcher's arrival: how long one push takes to reach everyone. **exact**: the store's voters and per-option counts equal the acknowledged ballots, and every watcher ended on the store's final counts (off = watchers that did not)."));
        line("");
        line("| setup | voters | votes/s | vote → visible p50 / p99 / max ms | fan-out p50 / p99 / max ms | duplicates | watchers off | exact |");
        line("|---|---:|---:|---|---|---:|---:|---|");
        foreach (var (setup, _, poll) in data.Soaks)
            line(f($"| {setup.Name()} | {poll.Voters:N0} | {poll.VotesPerSecond:N0} | {Triple(poll.VoteToVisible)} | {Triple(poll.FanOut)} | {poll.Duplicates:N0} | {poll.WatchersOffTruth:N0} | {(poll.CountsExact ? "yes" : $"**no** ({poll.StoreVoters:N0} in store, {poll.Accepted:N0} acknowledged)")} |"));
        line("");
        line("Ratios of each Redis setup to the in-memory node, same run:");
        line("");
        line("| attendees | votes/s | fan-out p99 |");
        line("|---:|---:|---:|");
        foreach (var size in data.Plan.Sizes)
        {
            var solo = data.At(Setup.InMemory, size).Poll;
            var official = data.At(Setup.OfficialRedis, size).Poll;
            line(f($"| {size:N0} | {official.VotesPerSecond / solo.VotesPerSecond:P0} | {official.FanOut.P99 / solo.FanOut.P99:N2} |"));
        }

        line("");
        line("Duplicates are pushes of a version the watcher already had: on two nodes each node may push the newest counts");
        line("after the other did (the push claim bounds the rate, not who pushes last); clients drop them by version, so they");
        line("cost a frame each but change nothing.");
        line("");
        line("How cost grows: read the soak and poll tables down one setup. A push is one WebSocket frame per watcher written by");
        line("the node that holds the watcher, so fan-out time grows linearly with the watchers per node; each vote is one store");
        line("operation (an `EVALSHA` on Redis), so votes/s is bounded by the hub and the store, not by the number of watchers.");
        line("");
    }

    private static void WriteKeynote(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Keynote: an audience chatting and reacting");
        line("");
        line(f($"{data.Plan.Audience:N0} viewers join the stage; {data.Plan.Chatters} of them send {data.Plan.LinesPerChatter} chat lines each as fast as they are acknowledged, then every viewer reacts {data.Plan.ReactionsPerAttendee} times. Chat latency: send → arrival at every viewer. Lost / duplicated: chat versions missing or repeated per viewer. Reactions: the windows each viewer received must add up to the reactions the store accepted."));
        line("");
        line("| setup | viewers | lines | lines/s to all | chat p50 / p99 / max ms | lost | dup | reactions accepted | in store | viewers off total |");
        line("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (setup, k) in data.Keynotes)
            line(f($"| {setup.Name()} | {k.Viewers:N0} | {k.Lines:N0} | {k.LinesPerSecond:N0} | {Triple(k.ChatLatency)} | {k.ChatLost:N0} | {k.ChatDuplicates:N0} | {k.ReactionsAccepted:N0} | {k.StoreReactions:N0} | {k.ViewersOffReactionTotal:N0} |"));
        var soloChat = data.Keynotes.Single(k => k.Setup == Setup.InMemory).Result.LinesPerSecond;
        line(f($"\nRatio of chat lines/s delivered to all viewers to the in-memory node: {string.Join(", ", data.Keynotes.Where(k => k.Setup != Setup.InMemory).Select(k => f($"{k.Setup.Name()} {k.Result.LinesPerSecond / soloChat:P0}")))}."));
        line("");
    }

    private static void WriteRushes(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Seat rushes: breakout room and bar tables");
        line("");
        line(f($"{data.Plan.Racers:N0} racers call `JoinBreakout` for one room of {data.Plan.BreakoutSeats} seats at once; then the same racers call `JoinTable` on {data.Plan.BarTables} tables of {data.Plan.SeatsPerTable} seats at once (racer i → table i mod {data.Plan.BarTables}). Store: a seated member joining again (breakout) and a fresh `EnterBars` (bar). Views off: clients whose final view (snapshot plus versioned pushes) differs from the store."));
        line("");
        line("| setup | rush | capacity | seated | room_full | other errors | in store | overbooked | views off | call p50 / p99 / max ms |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (setup, r) in data.Rushes)
        {
            foreach (var (name, o) in new[] { ("breakout", r.Breakout), ("bar", r.Bar) })
                line(f($"| {setup.Name()} | {name} | {o.Capacity:N0} | {o.Seated:N0} | {o.Full:N0} | {o.Errors:N0} | {o.StoreSeated:N0} | {o.Overbooked:N0} | {o.ViewsOffTruth:N0} | {Triple(o.CallLatency)} |"));
        }

        line("");
    }

    private static void WriteCeiling(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Backplane versus the raw Redis PUBLISH ceiling");
        line("");
        line(f($"Raw ceiling on this machine, {RedisPublishCeiling.Subscribers} subscribers on the channel (one per node), {RedisPublishCeiling.PayloadBytes}-byte payload:"));
        line("");
        line("```sh");
        line(data.Ceiling.Command);
        line("```");
        line("");
        line("| path | messages/s |");
        line("|---|---:|");
        line(f($"| redis-benchmark PUBLISH (ceiling) | {data.Ceiling.PublishesPerSecond:N0} |"));
        foreach (var (setup, keynote) in data.Keynotes.Where(k => k.Setup != Setup.InMemory))
            line(f($"| {setup.Name()}: stage chat lines, each one publish to the stage group, delivered to {keynote.Viewers:N0} viewers | {keynote.LinesPerSecond:N0} |"));
        line("");
        line("Our rate is far below the ceiling: on one machine the cost is in the nodes (hub invocation, the chat store's Lua");
        line("script, one WebSocket frame per viewer) and in the clients, not in Redis pub/sub. The backplane benchmark above");
        line("measures the managers without VirtualMeet's hubs and stores.");
        line("");
    }

    private static void WriteChaos(ReportData data, Action<string> line, Func<FormattableString, string> f)
    {
        line("## Faults during a run");
        line("");
        line(f($"Each fault gets a fresh cluster of 2 nodes on Redis, once per Redis manager, and {data.Plan.ChaosAttendees:N0} attendees (poll connections round-robin over the nodes); the fault hits once half the ballots are counted. Clients follow the contract: a dropped connection reconnects to a live node and resynchronises with `Watch`; a vote without a receipt is cast again, and `already_voted` proves the first one was counted. With a node kill, everyone also raced for a breakout of {data.Plan.ChaosAttendees / 4} seats before the vote; the dead node's members must be reaped and may then take the freed seats through the live node."));
        line("");
        line("| setup | fault | counted before recovery | connections broken | noticed within 5 s | reconnected | vote attempts retried | in store / attendees | counts exact | clients off truth | settled after s |");
        line("|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|");
        foreach (var (setup, c) in data.Chaos)
            line(f($"| {setup.Name()} | {c.Fault} | {c.CountedBeforeRecovery:N0} | {c.Affected:N0} | {c.NoticedDrop:N0} | {c.Reconnected:N0} | {c.RetriedVotes:N0} | {c.StoreVoters:N0} / {c.Attendees:N0} | {(c.CountsExact ? "yes" : "**no**")} | {c.ClientsOffTruth:N0} | {c.RecoverySeconds:0.0} |"));
        if (data.Chaos.Any(c => c.Result.CountedBeforeRecovery == c.Result.Attendees))
            line("\nWhere every ballot was counted before recovery, the fault landed just after the last receipt: that run checks reconnection, resynchronisation and seats, not votes in flight (the others do).");
        line("");
        foreach (var (setup, seats) in data.Chaos.Where(c => c.Result.Seats is not null).Select(c => (c.Setup, c.Result.Seats!)))
        {
            line(f($"Node kill, breakout, {setup.Name()}: {seats.SeatedOnDeadNode} of the seated were on the killed node; the store had dropped them {(seats.ReapSeconds is { } s ? $"{s:0.0} s" : "**not within 60 s**")} after the kill (bound: 15 s); {seats.Rejoined} came back through the live node; {seats.StoreSeated} of {seats.Capacity} seats taken, overbooked {seats.Overbooked}, seated clients whose view differs from the store: {seats.ViewsOffTruth}."));
            line("");
        }

        line("`RestartRedis` kills redis-server (SIGKILL) and starts it on the same port from its append-only file");
        line("(`appendfsync always`): acknowledged ballots survive; nodes reconnect and calls fail until they have.");
        line("Pushes published while a node's subscriptions were broken are lost (delivery is at-most-once), so once a node has");
        line("proved its subscriptions again it sends `Resync` to its connections, and they watch again after a random delay.");
        foreach (var (setup, restart) in data.Chaos.Where(c => c.Result.Fault == Fault.RestartRedis))
            line(f($"In this run, {setup.Name()}: {restart.Resynced:N0} clients resynchronised that way; {restart.ClientsOffTruth:N0} ended off the store's truth."));

        line("");
    }

    public static string Triple(LatencySummary s) =>
        s.Samples == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{s.P50:N0} / {s.P99:N0} / {s.Max:N0}");

}

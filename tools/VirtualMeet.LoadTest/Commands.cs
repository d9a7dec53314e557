using System.Globalization;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Report;
using VirtualMeet.LoadTest.Scenarios;

namespace VirtualMeet.LoadTest;

/// <summary>
/// <code>
/// run soak|poll|keynote|seats [--target URL[,URL...]] [--organizer-key KEY] [--connections N] [--hold SECONDS] [--nodes 1|2]
/// run keynote [--stalled-readers N] (viewers on the first node that stop reading)
/// run stalled [--stalled-readers N] [--actions N] [--rounds N] (each hub's pushes without and with N stalled readers, side by side)
/// run chaos --fault kill-node|restart-redis|drop-sockets [--connections N]
/// run hold --target URL[,URL...] --organizer-key KEY --connections N [--max-seconds S]   (a report's child process)
/// report [--out docs/performance.md] [--quick]
/// </code>
/// Without <c>--target</c> the tool starts its own nodes (<c>--nodes 1</c>: in-memory; more: on a private Redis).
/// With it, the run goes against an existing deployment (nodes or nginx); faults need the tool's own nodes.
/// </summary>
internal static class Commands
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            ThreadPool.SetMinThreads(64, 64);
            switch (options.Command)
            {
                case "report":
                    await PerformanceReport.RunAsync(options.String("out", "docs/performance.md"), options.Flag("quick"), stop.Token);
                    return 0;
                case "run":
                    await RunScenarioAsync(options, stop.Token);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: run <soak|poll|keynote|seats|stalled|chaos|hold> [options] | report [--out FILE] [--quick]");
                    return 2;
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"failed: {ex}");
            return 1;
        }
    }

    private static async Task RunScenarioAsync(Options options, CancellationToken cancellationToken)
    {
        var scenario = options.Positional(1);
        var connections = options.Int("connections", 1_000);
        FileLimits.Require(connections + 1_000);
        if (scenario == "chaos")
        {
            await using var cluster = await LocalCluster.StartOnRedisAsync(2, cancellationToken);
            var fault = options.String("fault", "kill-node") switch
            {
                "kill-node" => Fault.KillNode,
                "restart-redis" => Fault.RestartRedis,
                "drop-sockets" => Fault.DropSockets,
                var other => throw new ArgumentException($"Unknown fault '{other}'."),
            };
            Print(await ChaosScenario.RunAsync(cluster, connections, fault, cancellationToken));
            return;
        }

        // Checked before anything connects: every scenario creates its event as organizer.
        var organizerKey = options.String("organizer-key", Environment.GetEnvironmentVariable("VM_ORGANIZER_KEY") ?? "");
        if (options.Has("target") && organizerKey.Length == 0)
            throw new ArgumentException("--target needs the deployment's organizer key: --organizer-key KEY or VM_ORGANIZER_KEY (dev-organizer-key for scripts/run.sh).");

        if (scenario == "hold" && !options.Has("target"))
            throw new ArgumentException("run hold connects to nodes another process started: --target is required.");
        await using var own = options.Has("target") ? null : await StartClusterAsync(options.Int("nodes", 1), cancellationToken);
        var deployment = own?.Deployment ?? new Deployment("external",
            options.String("target", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => new Uri(t)).ToList(),
            organizerKey);
        switch (scenario)
        {
            case "soak":
            {
                var (audience, result) = await SoakScenario.RunAsync(deployment, connections, Ramp(connections), TimeSpan.FromSeconds(options.Int("hold", 30)), cancellationToken);
                await audience.DisposeAsync();
                Print(result);
                break;
            }

            case "poll":
            {
                await using var audience = await PollAudience.ConnectAsync(deployment, connections, Ramp(connections), cancellationToken);
                Print(await PollScenario.RunAsync(audience, cancellationToken));
                break;
            }

            case "hold":
                await HoldForParentAsync(deployment, connections, TimeSpan.FromSeconds(options.Int("max-seconds", 1_800)), cancellationToken);
                break;
            case "keynote":
                Print(await KeynoteScenario.RunAsync(deployment, connections, chatters: 20, linesPerChatter: 10, reactionsPerAttendee: 5, cancellationToken,
                    stalledReaders: options.Int("stalled-readers", 0)));
                break;
            case "stalled":
                Console.Write(StalledScenario.Table(await StalledScenario.RunAsync(deployment, connections,
                    stalledReaders: options.Int("stalled-readers", 1), actions: options.Int("actions", 50), rounds: options.Int("rounds", 1), StalledAudience.SettleTime, cancellationToken)));
                break;
            case "seats":
                Print(await SeatRushScenario.RunAsync(deployment, connections, breakoutSeats: Math.Max(1, connections / 10), barTables: Math.Max(1, connections / 20), seatsPerTable: 6, cancellationToken));
                break;
            default:
                throw new ArgumentException($"Unknown scenario '{scenario}'.");
        }
    }

    /// <summary>Jitter window of a ramp: about 350 new connections per second, at least 2 s.</summary>
    public static TimeSpan Ramp(int connections) => TimeSpan.FromSeconds(Math.Max(2, connections / 350));

    private static async Task<LocalCluster> StartClusterAsync(int nodes, CancellationToken cancellationToken) =>
        nodes <= 1 ? await LocalCluster.StartInMemoryAsync(cancellationToken) : await LocalCluster.StartOnRedisAsync(nodes, cancellationToken);

    /// <summary>
    /// The child side of <see cref="SplitHoldScenario"/>: connects its share, says <c>ramped HELD FAILED [ERROR]</c>
    /// on standard output, answers every <c>count</c> with <c>held N</c>, and ends on <c>stop</c>, at the end of its
    /// input, or after <paramref name="maximum"/> (a parent that vanished never leaves it holding).
    /// </summary>
    private static async Task HoldForParentAsync(Deployment deployment, int connections, TimeSpan maximum, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(maximum);
        await using var audience = await PollAudience.ConnectAsync(deployment, connections, Ramp(connections), bound.Token);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ramped {audience.Ramp.Held} {audience.Ramp.Failures} {audience.Ramp.FirstError?.ReplaceLineEndings(" ")}"));
        // Console.In reads synchronously underneath; WaitAsync makes the bound hold even while no line comes.
        while (await Console.In.ReadLineAsync(bound.Token).AsTask().WaitAsync(bound.Token) == "count")
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held {audience.Ramp.Held}"));
    }

    private static void Print(object result) => Console.WriteLine(result.ToString());

    /// <summary>--name value pairs and positional words.</summary>
    private sealed class Options
    {
        private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
        private readonly List<string> _positional = [];

        public string Command => Positional(0);

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                    options._named[args[i][2..]] = hasValue ? args[++i] : "true";
                }
                else
                {
                    options._positional.Add(args[i]);
                }
            }

            return options;
        }

        public string Positional(int index) => index < _positional.Count ? _positional[index] : "";

        public bool Has(string name) => _named.ContainsKey(name);

        public bool Flag(string name) => _named.TryGetValue(name, out var value) && value == "true";

        public string String(string name, string fallback) => _named.GetValueOrDefault(name, fallback);

        public int Int(string name, int fallback) =>
            _named.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
    }
}

using System.Globalization;

namespace VirtualMeet.PollBench;

/// <param name="Voters">Distinct attendees, each casting one ballot.</param>
/// <param name="InFlight">Votes awaiting their receipt at any moment.</param>
/// <param name="Watchers">Connections watching the poll; result-push latency is measured on them.</param>
internal sealed record BenchSettings(int Voters, int InFlight, int Watchers)
{
    public static BenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new BenchSettings(Voters: 2000, InFlight: 128, Watchers: 8);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--voters" => settings with { Voters = value },
                "--in-flight" => settings with { InFlight = value },
                "--watchers" => settings with { Watchers = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return settings;
    }
}

/// <param name="PushesPerWatcher">PollResults messages a watcher received (coalesced, ≤ 4/s).</param>
internal sealed record BenchResult(string Name, int Votes, double VotesPerSecond, double P50Milliseconds, double P99Milliseconds, double PushesPerWatcher);

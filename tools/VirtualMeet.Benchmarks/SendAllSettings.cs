using System.Globalization;

namespace VirtualMeet.Benchmarks;

/// <param name="Group">Send to one group every client joined (<c>--target group</c>) instead of <c>Clients.All</c>.</param>
/// <param name="JsonOut">Where <c>--json FILE</c> writes the results for the load tool's report.</param>
internal sealed record SendAllSettings(int Connections, int Seconds, int Window, string? Redis, string? Protocol = null, bool Group = false, string? JsonOut = null)
{
    public static SendAllSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new SendAllSettings(1000, 10, 16, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            settings = args[i] switch
            {
                "--connections" => settings with { Connections = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--seconds" => settings with { Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--window" => settings with { Window = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--redis" => settings with { Redis = args[i + 1] },
                "--protocol" => settings with { Protocol = HubProtocolOption.Parse(args[i + 1]) },
                "--target" => settings with { Group = args[i + 1] switch
                {
                    "all" => false,
                    "group" => true,
                    var other => throw new ArgumentException($"--target is all or group, not '{other}'."),
                } },
                "--json" => settings with { JsonOut = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return settings;
    }
}

internal sealed record SendAllResult(string Name, double MessagesPerSecond, double DeliveriesPerSecond, double P50Milliseconds, double P99Milliseconds);

/// <summary>What <c>--json</c> writes: the load tool's report reads it (its own copy of this shape, by property names).</summary>
internal sealed record SendAllReport(string Commit, string Target, int Connections, string LoadBefore, string LoadAfter, IReadOnlyList<SendAllManagerResult> Managers);

/// <param name="Manager">The <see cref="BenchmarkedManager"/> member name.</param>
internal sealed record SendAllManagerResult(string Manager, double MessagesPerSecond, double DeliveriesPerSecond, double P50Milliseconds, double P99Milliseconds, IReadOnlyList<double> RoundMessagesPerSecond);

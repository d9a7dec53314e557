using System.Globalization;

namespace VirtualMeet.Benchmarks;

internal sealed record SendAllSettings(int Connections, int Seconds, int Window, string? Redis, string? Protocol = null)
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
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return settings;
    }
}

internal sealed record SendAllResult(string Name, double MessagesPerSecond, double DeliveriesPerSecond, double P50Milliseconds, double P99Milliseconds);

using System.Globalization;
using System.Text.Json;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Report;

/// <summary>
/// The backplane alone, without VirtualMeet's hubs and stores: tools/VirtualMeet.Benchmarks <c>sendall</c> in its own
/// process (its build sits beside this tool), once sending to everyone and once to one group everyone joined. It
/// measures the in-memory and the official Redis manager in interleaved rounds on a private Redis and writes JSON.
/// </summary>
internal static class BackplaneBenchmark
{
    public static async Task<SendAllRun> RunAsync(bool group, int connections, int seconds, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "VirtualMeet.Benchmarks.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The benchmark build was not found at {dll}; build tools/VirtualMeet.LoadTest.");
        var json = Path.Combine(Path.GetTempPath(), $"vm-sendall-{Environment.ProcessId}-{(group ? "group" : "all")}.json");
        string[] arguments =
        [
            dll, "sendall", "--connections", connections.ToString(CultureInfo.InvariantCulture),
            "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--target", group ? "group" : "all", "--json", json,
        ];
        try
        {
            // Connecting three servers' clients and the rounds take about a minute on a busy 2-core machine; ten is a hang.
            await ExternalTool.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(10)).WaitAsync(cancellationToken);
            var run = JsonSerializer.Deserialize<SendAllRun>(await File.ReadAllTextAsync(json, cancellationToken))
                ?? throw new InvalidOperationException("The benchmark wrote no result.");
            // The commit stamped into the benchmark's binary, like the other setups' (its own git rev-parse reads the tree at run time).
            return run with
            {
                Commit = ServerBuild.Commit(dll),
                Command = "dotnet run -c Release --project tools/VirtualMeet.Benchmarks -- " + string.Join(' ', arguments.Skip(1).SkipLast(2)),
            };
        }
        finally
        {
            File.Delete(json);
        }
    }
}

/// <summary>The shape tools/VirtualMeet.Benchmarks writes with <c>--json</c> (SendAllReport there), plus the command.</summary>
internal sealed record SendAllRun(string Commit, string Target, int Connections, string LoadBefore, string LoadAfter, IReadOnlyList<SendAllManager> Managers)
{
    public string Command { get; init; } = "";

    /// <summary>The figures of the manager the setup runs (the benchmark names them as the setups are named).</summary>
    public SendAllManager Of(Setup setup) => Managers.Single(m => m.Manager == setup.ToString());
}

internal sealed record SendAllManager(string Manager, double MessagesPerSecond, double DeliveriesPerSecond, double P50Milliseconds, double P99Milliseconds, IReadOnlyList<double> RoundMessagesPerSecond);

using System.Globalization;
using System.Text.Json;
using VirtualMeet.Benchmarks;
using VirtualMeet.Testing;

// dotnet run -c Release --project tools/VirtualMeet.Benchmarks -- sendall [--connections 1000] [--seconds 10] [--window 16] [--redis host:port] [--protocol json|msgpack] [--target all|group] [--json FILE]
if (args.Length == 0 || args[0] != "sendall")
{
    Console.Error.WriteLine("usage: sendall [--connections N] [--seconds S] [--window W] [--redis CONNECTION_STRING] [--protocol json|msgpack] [--target all|group] [--json FILE]");
    return 2;
}

var settings = SendAllSettings.Parse(args.AsSpan(1));

// Clients and servers share this process; more threads up front avoid measuring the thread pool's slow ramp-up.
ThreadPool.SetMinThreads(64, 64);
const int Rounds = 5;
var slice = TimeSpan.FromSeconds(settings.Seconds / (double)Rounds);
var loadBefore = LoadAverage();
Console.WriteLine($"{(settings.Group ? "SendGroup (one group of everyone)" : "SendAll")} to {settings.Connections} WebSocket connections on loopback ({settings.Protocol ?? "json"}), {settings.Window} messages in flight, {Rounds} interleaved rounds of {slice.TotalSeconds:N1} s per manager.");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average before: {loadBefore}");

RedisServer? privateRedis = null;
var redis = settings.Redis;
if (redis is null)
{
    privateRedis = await RedisServer.StartAsync();
    redis = privateRedis.ConnectionString;
}

try
{
    // The servers run side by side and take turns, so background load on the machine hits both alike.
    await using var inMemory = await SendAllBenchmark.StartAsync("DefaultHubLifetimeManager (one node)", BenchmarkedManager.InMemory, null, settings);
    await using var official = await SendAllBenchmark.StartAsync("official Redis backplane + resync layer", BenchmarkedManager.OfficialRedis, redis, settings);
    SendAllBenchmark[] benchmarks = [inMemory, official];
    foreach (var benchmark in benchmarks)
    {
        await benchmark.MeasureAsync(TimeSpan.FromSeconds(1), record: false);
    }

    for (var round = 0; round < Rounds; round++)
    {
        foreach (var benchmark in benchmarks)
        {
            await benchmark.MeasureAsync(slice);
        }
    }

    var results = benchmarks.Select(b => b.Result()).ToArray();
    Console.WriteLine();
    Console.WriteLine($"Commit: {Commit()}");
    Console.WriteLine("| manager | msgs/s (median of rounds) | deliveries/s | p50 latency ms | p99 latency ms | msgs/s of rounds |");
    Console.WriteLine("|---|---:|---:|---:|---:|---|");
    for (var i = 0; i < benchmarks.Length; i++)
    {
        var r = results[i];
        var rounds = string.Join(", ", benchmarks[i].MessagesPerSecond.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.MessagesPerSecond:N0} | {r.DeliveriesPerSecond:N0} | {r.P50Milliseconds:N1} | {r.P99Milliseconds:N1} | {rounds} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput ratio: official Redis / in-memory {results[1].MessagesPerSecond / results[0].MessagesPerSecond:P0}"));
    if (settings.JsonOut is { } jsonOut)
    {
        var report = new SendAllReport(Commit(), settings.Group ? "group" : "all", settings.Connections, loadBefore, LoadAverage(),
            [.. benchmarks.Select((b, i) => new SendAllManagerResult(b.Manager.ToString(), results[i].MessagesPerSecond, results[i].DeliveriesPerSecond,
                results[i].P50Milliseconds, results[i].P99Milliseconds, b.MessagesPerSecond))]);
        await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(report));
    }
}
finally
{
    if (privateRedis is not null)
    {
        await privateRedis.DisposeAsync();
    }
}

Console.WriteLine($"Load average after: {LoadAverage()} (other processes on the machine skew the figures).");
return 0;

static string Commit()
{
    try
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true });
        var output = git?.StandardOutput.ReadToEnd().Trim();
        git?.WaitForExit();
        return string.IsNullOrEmpty(output) ? "n/a" : output;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "n/a (git not found)";
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

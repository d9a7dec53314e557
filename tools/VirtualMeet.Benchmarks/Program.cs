using System.Globalization;
using VirtualMeet.Benchmarks;
using VirtualMeet.Testing;

// dotnet run -c Release --project tools/VirtualMeet.Benchmarks -- sendall [--connections 1000] [--seconds 10] [--window 16] [--redis host:port] [--protocol json|msgpack]
if (args.Length == 0 || args[0] != "sendall")
{
    Console.Error.WriteLine("usage: sendall [--connections N] [--seconds S] [--window W] [--redis CONNECTION_STRING] [--protocol json|msgpack]");
    return 2;
}

var settings = SendAllSettings.Parse(args.AsSpan(1));

// Clients and servers share this process; more threads up front avoid measuring the thread pool's slow ramp-up.
ThreadPool.SetMinThreads(64, 64);
const int Rounds = 5;
var slice = TimeSpan.FromSeconds(settings.Seconds / (double)Rounds);
Console.WriteLine($"SendAll to {settings.Connections} WebSocket connections on loopback ({settings.Protocol ?? "json over the test transport"}), {settings.Window} messages in flight, {Rounds} interleaved rounds of {slice.TotalSeconds:N1} s per manager.");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average before: {LoadAverage()}");

RedisServer? privateRedis = null;
var redis = settings.Redis;
if (redis is null)
{
    privateRedis = await RedisServer.StartAsync();
    redis = privateRedis.ConnectionString;
}

try
{
    // Both servers run side by side and take turns, so background load on the machine hits both alike.
    await using var inMemory = await SendAllBenchmark.StartAsync("DefaultHubLifetimeManager", redisConnectionString: null, settings);
    await using var backplane = await SendAllBenchmark.StartAsync("RedisHubLifetimeManager", redis, settings);
    await inMemory.MeasureAsync(TimeSpan.FromSeconds(1), record: false);
    await backplane.MeasureAsync(TimeSpan.FromSeconds(1), record: false);
    for (var round = 0; round < Rounds; round++)
    {
        await inMemory.MeasureAsync(slice);
        await backplane.MeasureAsync(slice);
    }

    var results = new[] { inMemory.Result(), backplane.Result() };
    Console.WriteLine();
    Console.WriteLine("| manager | msgs/s (median of rounds) | deliveries/s | p50 latency ms | p99 latency ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.MessagesPerSecond:N0} | {r.DeliveriesPerSecond:N0} | {r.P50Milliseconds:N1} | {r.P99Milliseconds:N1} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rounds (msgs/s): in-memory {string.Join(", ", inMemory.MessagesPerSecond.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}; Redis {string.Join(", ", backplane.MessagesPerSecond.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Redis / in-memory throughput ratio: {results[1].MessagesPerSecond / results[0].MessagesPerSecond:P0}"));
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

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

using System.Globalization;
using VirtualMeet.Benchmarks;
using VirtualMeet.Testing;

// dotnet run -c Release --project tools/VirtualMeet.Benchmarks -- sendall [--connections 1000] [--seconds 10] [--window 8] [--redis host:port]
if (args.Length == 0 || args[0] != "sendall")
{
    Console.Error.WriteLine("usage: sendall [--connections N] [--seconds S] [--window W] [--redis CONNECTION_STRING]");
    return 2;
}

var settings = SendAllSettings.Parse(args.AsSpan(1));

// Clients and server share this process; more threads up front avoid measuring the thread pool's slow ramp-up.
ThreadPool.SetMinThreads(64, 64);
Console.WriteLine($"SendAll to {settings.Connections} WebSocket connections on loopback, {settings.Seconds} s per run, {settings.Window} messages in flight.");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average before: {LoadAverage()}");

var results = new List<SendAllResult>
{
    await SendAllBenchmark.RunAsync("DefaultHubLifetimeManager", redisConnectionString: null, settings),
};

RedisServer? privateRedis = null;
var redis = settings.Redis;
if (redis is null)
{
    privateRedis = await RedisServer.StartAsync();
    redis = privateRedis.ConnectionString;
}

try
{
    results.Add(await SendAllBenchmark.RunAsync("RedisHubLifetimeManager", redis, settings));
}
finally
{
    if (privateRedis is not null)
    {
        await privateRedis.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine("| manager | msgs/s | deliveries/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.MessagesPerSecond:N0} | {r.DeliveriesPerSecond:N0} | {r.P50Milliseconds:N1} | {r.P99Milliseconds:N1} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Redis / in-memory throughput ratio: {results[1].MessagesPerSecond / results[0].MessagesPerSecond:P0}"));
Console.WriteLine($"Load average after: {LoadAverage()} (other processes on the machine skew the figures; compare runs on a quiet machine).");
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

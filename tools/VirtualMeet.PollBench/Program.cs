using System.Globalization;
using VirtualMeet.PollBench;
using VirtualMeet.Testing;

// dotnet run -c Release --project tools/VirtualMeet.PollBench -- [--voters 2000] [--in-flight 128] [--watchers 8]
var settings = BenchSettings.Parse(args);
ServerContentRoot.Configure();
Console.WriteLine($"Poll votes through /hubs/polls: {settings.Voters} attendees, {settings.InFlight} votes in flight, {settings.Watchers} watchers.");

var results = new List<BenchResult>();
await using (var node = await VirtualMeetNode.StartAsync())
{
    results.Add(await PollBenchmark.RunAsync("in-memory, 1 node", [node], settings));
}

await using (var redis = await RedisServer.StartAsync())
await using (var a = await VirtualMeetNode.StartWithRedisAsync(redis))
await using (var b = await VirtualMeetNode.StartWithRedisAsync(redis))
{
    results.Add(await PollBenchmark.RunAsync("Redis, 2 nodes", [a, b], settings));
}

Console.WriteLine();
Console.WriteLine("| setup | votes | votes/s | push latency p50 ms | p99 ms | pushes per watcher |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Votes:N0} | {r.VotesPerSecond:N0} | {r.P50Milliseconds:N0} | {r.P99Milliseconds:N0} | {r.PushesPerWatcher:N1} |"));
}

return 0;

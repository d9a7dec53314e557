using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtualMeet.SignalR.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Benchmarks;

/// <summary>
/// One server (Kestrel on loopback, in this process) and N real WebSocket HubConnections to it. The server sends
/// Clients.All messages with a bounded number in flight: a message is complete when every client got it, and the
/// next is sent only when a slot frees. Throughput is completed messages per second over a fixed time; latency is
/// from send to the last client receiving it. Same procedure for both managers, so the ratio is the backplane's cost.
/// </summary>
internal static class SendAllBenchmark
{
    private const int MaxMessages = 4_000_000;

    public static async Task<SendAllResult> RunAsync(string name, string? redisConnectionString, SendAllSettings settings)
    {
        var app = await StartServerAsync(redisConnectionString);
        try
        {
            return await MeasureAsync(app, name, settings);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<SendAllResult> MeasureAsync(WebApplication app, string name, SendAllSettings settings)
    {
        var hub = app.Services.GetRequiredService<IHubContext<BenchmarkHub>>();
        var url = HubUrl(app);
        var remaining = new int[MaxMessages];
        var sentAt = new long[MaxMessages];
        var latencies = new List<double>();
        using var slots = new SemaphoreSlim(settings.Window, settings.Window);
        var completed = 0L;

        void OnReceived(int seq)
        {
            if (Interlocked.Decrement(ref remaining[seq]) == 0)
            {
                var elapsed = Stopwatch.GetElapsedTime(sentAt[seq]).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                Interlocked.Increment(ref completed);
                slots.Release();
            }
        }

        var clients = await ConnectClientsAsync(url, settings.Connections, OnReceived);
        try
        {
            Console.WriteLine($"{name}: {clients.Count} clients connected.");
            var seq = 0;

            async Task SendForAsync(TimeSpan duration)
            {
                var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < until && seq < MaxMessages)
                {
                    if (!await slots.WaitAsync(TimeSpan.FromSeconds(30)))
                    {
                        throw new TimeoutException("A message did not reach every client within 30 s (lost on the backplane?).");
                    }

                    remaining[seq] = settings.Connections;
                    sentAt[seq] = Stopwatch.GetTimestamp();
                    await hub.Clients.All.SendAsync("Tick", seq);
                    seq++;
                }

                // Drain: wait until every message sent so far has reached every client.
                for (var i = 0; i < settings.Window; i++)
                {
                    if (!await slots.WaitAsync(TimeSpan.FromSeconds(30)))
                    {
                        throw new TimeoutException("Messages still in flight after 30 s.");
                    }
                }

                slots.Release(settings.Window);
            }

            await SendForAsync(TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, Redis connection
            lock (latencies)
            {
                latencies.Clear();
            }

            var before = Interlocked.Read(ref completed);
            var watch = Stopwatch.StartNew();
            await SendForAsync(TimeSpan.FromSeconds(settings.Seconds));
            watch.Stop();
            var messages = Interlocked.Read(ref completed) - before;

            double[] sorted;
            lock (latencies)
            {
                sorted = [.. latencies.Order()];
            }

            var perSecond = messages / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{name}: {messages} messages x {settings.Connections} clients in {watch.Elapsed.TotalSeconds:N1} s.");
            return new SendAllResult(name, perSecond, perSecond * settings.Connections, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static async Task<WebApplication> StartServerAsync(string? redisConnectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        var signalR = builder.Services.AddSignalR();
        if (redisConnectionString is not null)
        {
            builder.Services.AddRedisConnection(redisConnectionString);
            signalR.AddRedisBackplane(o => o.ChannelPrefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":");
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BenchmarkHub>("/bench");
        await app.StartAsync();
        return app;
    }

    private static Uri HubUrl(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/bench");
    }

    private static async Task<List<HubConnection>> ConnectClientsAsync(Uri url, int count, Action<int> onReceived)
    {
        var clients = new List<HubConnection>(count);
        using var gate = new SemaphoreSlim(50);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = TestHubConnection.Create(url);
                connection.On<int>("Tick", onReceived);
                await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

                // One round trip: the server has finished OnConnected (subscriptions included) before it answers.
                await connection.InvokeAsync<int>(nameof(BenchmarkHub.Ready)).WaitAsync(TimeSpan.FromSeconds(30));
                lock (clients)
                {
                    clients.Add(connection);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return clients;
    }
}

/// <summary>The benchmark's hub: clients only listen; Ready is a round trip marking the connection as fully set up.</summary>
internal sealed class BenchmarkHub : Hub
{
    public int Ready() => Context.ConnectionId.Length > 0 ? 1 : 0;
}

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
/// Clients.All messages (or, with <c>--target group</c>, messages to one group every client joined) with a bounded number in flight: a message is complete when every client got it, and the
/// next is sent only when a slot frees. Throughput is completed messages per second over a fixed time; latency is
/// from send to the last client receiving it. Same procedure for every manager, so the ratio is the backplane's cost.
/// </summary>
internal sealed class SendAllBenchmark : IAsyncDisposable
{
    private const int MaxMessages = 4_000_000;
    private readonly WebApplication _app;
    private readonly IHubContext<BenchmarkHub> _hub;
    private readonly SendAllSettings _settings;
    private readonly int[] _remaining = new int[MaxMessages];
    private readonly long[] _sentAt = new long[MaxMessages];
    private readonly List<double> _latencies = [];
    private readonly SemaphoreSlim _slots;
    private List<HubConnection> _clients = [];
    private int _next;

    private SendAllBenchmark(string name, WebApplication app, SendAllSettings settings)
    {
        Name = name;
        _app = app;
        _settings = settings;
        _hub = app.Services.GetRequiredService<IHubContext<BenchmarkHub>>();
        _slots = new SemaphoreSlim(settings.Window, settings.Window);
    }

    public string Name { get; }

    public List<double> MessagesPerSecond { get; } = [];

    public BenchmarkedManager Manager { get; private init; }

    public static async Task<SendAllBenchmark> StartAsync(string name, BenchmarkedManager manager, string? redisConnectionString, SendAllSettings settings)
    {
        var benchmark = new SendAllBenchmark(name, await StartServerAsync(manager, redisConnectionString), settings) { Manager = manager };
        var url = HubUrl(benchmark._app);
        benchmark._clients = await ConnectClientsAsync(url, settings.Connections, settings.Group, benchmark.OnReceived, HubProtocolOption.Configure(settings.Protocol));
        Console.WriteLine($"{name}: {benchmark._clients.Count} clients connected.");
        return benchmark;
    }

    /// <summary>Sends for <paramref name="duration"/>, waits until every message reached every client, records the rate.</summary>
    public async Task MeasureAsync(TimeSpan duration, bool record = true)
    {
        var first = _next;
        var watch = Stopwatch.StartNew();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && _next < MaxMessages)
        {
            await AcquireAsync();
            var seq = _next++;
            _remaining[seq] = _settings.Connections;
            _sentAt[seq] = Stopwatch.GetTimestamp();
            // A group send crosses the backplane on its group channel, which every node subscribes per group joined.
            await (_settings.Group ? _hub.Clients.Group(BenchmarkHub.GroupName) : _hub.Clients.All).SendAsync("Tick", seq);
        }

        // Drain: every message sent so far must reach every client before the clock stops.
        for (var i = 0; i < _settings.Window; i++)
        {
            await AcquireAsync();
        }

        watch.Stop();
        _slots.Release(_settings.Window);
        if (record)
        {
            MessagesPerSecond.Add((_next - first) / watch.Elapsed.TotalSeconds);
        }
        else
        {
            lock (_latencies)
            {
                _latencies.Clear();
            }
        }
    }

    public SendAllResult Result()
    {
        double[] sorted;
        lock (_latencies)
        {
            sorted = [.. _latencies.Order()];
        }

        var rates = MessagesPerSecond.Order().ToArray();
        var median = rates[rates.Length / 2];
        return new SendAllResult(Name, median, median * _settings.Connections, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_clients.Select(c => c.DisposeAsync().AsTask()));
        await _app.StopAsync();
        await _app.DisposeAsync();
        _slots.Dispose();
    }

    private async Task AcquireAsync()
    {
        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{Name}: a message did not reach every client within 30 s (lost on the backplane?).");
        }
    }

    private void OnReceived(int seq)
    {
        if (Interlocked.Decrement(ref _remaining[seq]) == 0)
        {
            var elapsed = Stopwatch.GetElapsedTime(_sentAt[seq]).TotalMilliseconds;
            lock (_latencies)
            {
                _latencies.Add(elapsed);
            }

            _slots.Release();
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static async Task<WebApplication> StartServerAsync(BenchmarkedManager manager, string? redisConnectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        var signalR = builder.Services.AddSignalR().AddMessagePackProtocol(o => o.SerializerOptions = HubProtocolOption.MessagePackOptions);
        if (manager == BenchmarkedManager.OfficialRedis)
        {
            // Under a prefix of its own, so that a shared Redis (--redis) never mixes runs.
            var prefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
            builder.Services.AddRedisConnection(
                redisConnectionString ?? throw new ArgumentNullException(nameof(redisConnectionString)),
                o => o.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(prefix));
            signalR.AddRedisBackplane();
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
        return new Uri(address + "/bench");
    }

    private static async Task<List<HubConnection>> ConnectClientsAsync(Uri url, int count, bool joinGroup, Action<int> onReceived, Action<IHubConnectionBuilder>? configure)
    {
        var clients = new List<HubConnection>(count);
        using var gate = new SemaphoreSlim(50);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = TestHubConnection.Create(url, configure: configure);
                connection.On<int>("Tick", onReceived);
                await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

                // One round trip: the server has finished OnConnected (subscriptions included) before it answers.
                await connection.InvokeAsync<int>(nameof(BenchmarkHub.Ready)).WaitAsync(TimeSpan.FromSeconds(30));
                if (joinGroup)
                {
                    await connection.InvokeAsync(nameof(BenchmarkHub.Join)).WaitAsync(TimeSpan.FromSeconds(30));
                }

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
    public const string GroupName = "bench";

    public int Ready() => Context.ConnectionId.Length > 0 ? 1 : 0;

    /// <summary>Joins the one group of <c>--target group</c>; returns once the manager has added the connection.</summary>
    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, GroupName);
}

/// <summary>The lifetime managers measured side by side.</summary>
internal enum BenchmarkedManager
{
    /// <summary>SignalR's DefaultHubLifetimeManager: one node, the reference.</summary>
    InMemory,

    /// <summary>What VirtualMeet nodes run: the official Redis backplane under the resync layer.</summary>
    OfficialRedis,
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Nodes;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>Which Redis lifetime manager a <see cref="BackplaneNode"/> runs.</summary>
public enum Backplane
{
    /// <summary>What nodes run: the official manager under <see cref="ResyncingHubLifetimeManager{THub}"/>.</summary>
    InUse,

    /// <summary>
    /// The official manager alone, as <c>AddStackExchangeRedis</c> registers it: the suite run against it shows what the
    /// layer adds (<c>VM_BACKPLANE_UNDER_TEST=official-bare dotnet test tests/VirtualMeet.SignalR.Redis.Tests</c>).
    /// </summary>
    OfficialBare,
}

/// <summary>
/// One "server node" at the lifetime-manager level: its own Redis multiplexer, its own container and its resync
/// service, registered exactly as an application does it.
/// </summary>
public sealed class BackplaneNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private BackplaneNode(ServiceProvider services, TestLogs logs, Backplane backplane, string prefix)
    {
        _services = services;
        // The registry's timer stays off: its tests drive heartbeats and reaping by hand.
        _hosted = [.. services.GetServices<IHostedService>().Where(s => s is not RedisNodeRegistry)];
        Logs = logs;
        Kind = backplane;
        Prefix = prefix;
        Connection = services.GetRequiredService<RedisConnection>();
        Manager = services.GetRequiredService<HubLifetimeManager<TestHub>>();
        ServerName = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisBackplaneOptions>>().Value.ServerName;
    }

    /// <summary>The manager the suite runs against unless a test names one: <see cref="Backplane.InUse"/>.</summary>
    public static Backplane UnderTest { get; } =
        Environment.GetEnvironmentVariable("VM_BACKPLANE_UNDER_TEST") == "official-bare" ? Backplane.OfficialBare : Backplane.InUse;

    public HubLifetimeManager<TestHub> Manager { get; }

    public Backplane Kind { get; }

    public string Prefix { get; }

    public RedisConnection Connection { get; }

    public TestLogs Logs { get; }

    public RedisBackplaneMetrics Metrics => _services.GetRequiredService<RedisBackplaneMetrics>();

    public RedisNodeRegistry Registry => _services.GetRequiredService<RedisNodeRegistry>();

    public BackplaneResync Resync => _services.GetRequiredService<BackplaneResync>();

    /// <summary>This node's node id (the registry's and the resync requests' name for it).</summary>
    public string ServerName { get; }

    /// <summary>Commands this node's multiplexer sent on its interactive connection(s): a send that skipped Redis adds none.</summary>
    public long RedisOperations => Connection.Multiplexer.GetCounters().Interactive.OperationCount;

    /// <summary>Starts a node on <paramref name="connectionString"/>; nodes that share a prefix form one cluster.</summary>
    public static async Task<BackplaneNode> StartAsync(
        string connectionString, string prefix, Action<RedisBackplaneOptions>? configure = null, Backplane? backplane = null)
    {
        var kind = backplane ?? UnderTest;
        var logs = new TestLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        services.AddRedisConnection(connectionString, options => options.ChannelPrefix = RedisChannel.Literal(prefix + ":"));
        var signalR = services.AddSignalR();
        void Configure(RedisBackplaneOptions options)
        {
            options.NodeKeyPrefix = prefix + ":nodes:";
            options.AckTimeout = TimeSpan.FromSeconds(5);
            // Generous bounds: on a loaded 2-core CI machine a subscribe can take over the 2 s default, and a
            // spurious failure drops messages (at-most-once), failing tests about something else. The outage tests
            // set the tight values they are about.
            options.PublishTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(options);
        }

        switch (kind)
        {
            case Backplane.InUse:
                signalR.AddRedisBackplane(Configure);
                break;
            default:
                signalR.AddRedisBackplane(Configure);
                signalR.AddStackExchangeRedis();
                services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                    .Configure<RedisConnection>((options, connection) => options.ConnectionFactory = _ => Task.FromResult(connection.Multiplexer));
                break;
        }

        var node = new BackplaneNode(services.BuildServiceProvider(), logs, kind, prefix);
        foreach (var hosted in node._hosted)
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        }

        return node;
    }

    /// <summary>A fresh prefix so that tests sharing one Redis never see each other's messages.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The full Redis name of one of the backplane's channels of <see cref="TestHub"/>, e.g. <c>group:room</c>.</summary>
    public string ChannelOf(string channel) => $"{Prefix}:{typeof(TestHub).FullName}:{channel}";

    public async Task<TestClient> ConnectAsync(string? userId = null, bool failWrites = false)
    {
        var client = new TestClient(userId, failWrites);
        await Manager.OnConnectedAsync(client.Connection);
        return client;
    }

    public async Task DisconnectAsync(TestClient client)
    {
        await Manager.OnDisconnectedAsync(client.Connection);
        await client.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }

        await _services.DisposeAsync();

        // What the node logged goes into the test's output, so a failure report shows what the backplane saw.
        var output = TestContext.Current.TestOutputHelper;
        foreach (var entry in Logs.Entries)
        {
            output?.WriteLine($"[{ServerName[^8..]}] {entry.Level} {entry.EventId.Id}: {entry.Message} {entry.Exception?.Message}");
        }
    }
}

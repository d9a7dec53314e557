using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtualMeet.SignalR.Redis.Nodes;

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>
/// One "server node" at the lifetime-manager level: its own Redis multiplexer and its own container, registered
/// exactly as an application does it (AddSignalR().AddRedisBackplane()).
/// </summary>
public sealed class BackplaneNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BackplaneNode(ServiceProvider services, TestLogs logs)
    {
        _services = services;
        Logs = logs;
        Connection = services.GetRequiredService<RedisConnection>();
        Manager = (RedisHubLifetimeManager<TestHub>)services.GetRequiredService<HubLifetimeManager<TestHub>>();
    }

    public RedisHubLifetimeManager<TestHub> Manager { get; }

    public RedisConnection Connection { get; }

    public TestLogs Logs { get; }

    public RedisBackplaneMetrics Metrics => _services.GetRequiredService<RedisBackplaneMetrics>();

    public RedisNodeRegistry Registry => _services.GetRequiredService<RedisNodeRegistry>();

    /// <summary>Starts a node on <paramref name="connectionString"/>; nodes that share a prefix form one cluster.</summary>
    public static BackplaneNode Start(string connectionString, string prefix, Action<RedisBackplaneOptions>? configure = null)
    {
        var logs = new TestLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        services.AddRedisConnection(connectionString);
        services.AddSignalR().AddRedisBackplane(options =>
        {
            options.ChannelPrefix = prefix + ":bp:";
            options.NodeKeyPrefix = prefix + ":nodes:";
            options.AckTimeout = TimeSpan.FromSeconds(5);
            options.SubscriptionProbeInterval = TimeSpan.FromSeconds(1);
            // Generous bounds: on a loaded 2-core CI machine a subscribe can take over the 2 s default and a probe
            // over 1 s, and a spurious renewal drops messages (at-most-once), failing tests about something else.
            // The outage tests set the tight values they are about.
            options.SubscriptionProbeTimeout = TimeSpan.FromSeconds(3);
            options.PublishTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(options);
        });
        return new BackplaneNode(services.BuildServiceProvider(), logs);
    }

    /// <summary>A fresh prefix so that tests sharing one Redis never see each other's messages.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

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
        await _services.DisposeAsync();

        // What the node logged goes into the test's output, so a failure report shows what the backplane saw.
        var output = TestContext.Current.TestOutputHelper;
        foreach (var entry in Logs.Entries)
        {
            output?.WriteLine($"[{Manager.ServerName[^8..]}] {entry.Level} {entry.EventId.Id}: {entry.Message} {entry.Exception?.Message}");
        }
    }
}

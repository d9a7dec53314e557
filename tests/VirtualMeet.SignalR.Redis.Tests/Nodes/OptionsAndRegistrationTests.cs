using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VirtualMeet.SignalR.Redis.Nodes;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Nodes;

public sealed class OptionsAndRegistrationTests(SharedRedis redis)
{
    [Fact]
    public void InvalidOptionsFailWithEveryProblemNamed()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR().AddRedisBackplane(o =>
        {
            o.AckTimeout = TimeSpan.Zero;
            o.NodeTimeout = TimeSpan.FromSeconds(1);
            o.NodeKeyPrefix = "bad{";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisBackplaneOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains("AckTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("NodeTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("NodeKeyPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddRedisBackplaneRunsTheOfficialManagerUnderTheResyncLayerOnTheSharedConnection()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRedisConnection(redis.Server.ConnectionString);
        services.AddSignalR().AddRedisBackplane();
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<ResyncingHubLifetimeManager<TestHub>>(provider.GetRequiredService<HubLifetimeManager<TestHub>>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is RedisNodeRegistry);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is BackplaneResync);
        var factory = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>>().Value.ConnectionFactory!;
        Assert.Same(provider.GetRequiredService<RedisConnection>().Multiplexer, await factory(TextWriter.Null));
        Assert.Same(provider.GetRequiredService<RedisConnection>(), provider.GetRequiredService<RedisConnection>());
        Assert.True(await provider.GetRequiredService<RedisConnection>().PingAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task RedisDownAtStartUpDoesNotFailTheConnectionAndPingReportsNotReady()
    {
        var port = FreePorts.Next();
        await using var connection = new RedisConnection($"127.0.0.1:{port},connectTimeout=500");

        Assert.False(connection.IsConnected);
        Assert.False(await connection.PingAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task MeterReportsPublishedAndLocalConnections()
    {
        var prefix = BackplaneNode.NewPrefix();
        await using var one = await BackplaneNode.StartAsync(redis.Server.ConnectionString, prefix);
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RedisBackplaneMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        var client = await one.ConnectAsync();

        await one.Manager.SendAllAsync("Hello", ["World"]).WaitAsync(TestTimeouts.Default);
        await client.ReadAsync();
        listener.RecordObservableInstruments();

        lock (measurements)
        {
            Assert.True(measurements.GetValueOrDefault("virtualmeet.backplane.messages_published") >= 1);
            Assert.True(measurements.GetValueOrDefault("virtualmeet.backplane.local_connections") >= 1);
        }
    }
}

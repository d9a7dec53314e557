using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;
using VirtualMeet.SignalR.Redis.Nodes;
using Official = Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace VirtualMeet.SignalR.Redis;

/// <summary>Registers the shared Redis connection and the Redis backplane.</summary>
public static class RedisBackplaneServiceCollectionExtensions
{
    /// <summary>
    /// Registers the node's one <see cref="RedisConnection"/> (singleton). Redis being down at start-up does not fail
    /// the host: the connection keeps retrying.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string connectionString, Action<ConfigurationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp => new RedisConnection(connectionString, sp.GetRequiredService<ILogger<RedisConnection>>(), configure));
        return services;
    }

    /// <summary>
    /// SignalR's official Redis backplane (Microsoft.AspNetCore.SignalR.StackExchangeRedis) on the node's shared
    /// <see cref="RedisConnection"/>, under <see cref="ResyncingHubLifetimeManager{THub}"/> for every hub, with
    /// <see cref="BackplaneResync"/> and the node registry (heartbeats). The backplane's channels carry the
    /// multiplexer's channel prefix (<see cref="ConfigurationOptions.ChannelPrefix"/>, set when the connection is added).
    /// </summary>
    public static ISignalRServerBuilder AddRedisBackplane(this ISignalRServerBuilder builder, Action<RedisBackplaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddBackplaneServices(builder.Services, configure);
        builder.AddStackExchangeRedis();
        var services = builder.Services;
        // The node's one multiplexer, never a second one: the stores, the registry and resync share it. It is handed
        // over once pub/sub is up, because the official manager subscribes its node channels only then and only once.
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((options, connection) =>
            options.ConnectionFactory = async _ =>
            {
                await connection.WhenSubscriberConnectedAsync();
                return connection.Multiplexer;
            });
        services.TryAddSingleton(typeof(Official.RedisHubLifetimeManager<>));
        services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(ResyncingHubLifetimeManager<>)));
        services.TryAddSingleton<BackplaneResync>();
        services.AddHostedService(sp => sp.GetRequiredService<BackplaneResync>());
        return builder;
    }

    private static void AddBackplaneServices(IServiceCollection services, Action<RedisBackplaneOptions>? configure)
    {
        var options = services.AddOptions<RedisBackplaneOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBackplaneOptions>, RedisBackplaneOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RedisBackplaneMetrics>();
        services.TryAddSingleton<RedisNodeRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisNodeRegistry>());
    }
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtualMeet.SignalR.Redis.Nodes;

namespace VirtualMeet.SignalR.Redis;

/// <summary>Registers the shared Redis connection and the Redis backplane.</summary>
public static class RedisBackplaneServiceCollectionExtensions
{
    /// <summary>
    /// Registers the node's one <see cref="RedisConnection"/> (singleton). Redis being down at start-up does not fail
    /// the host: the connection keeps retrying.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp => new RedisConnection(connectionString, sp.GetRequiredService<ILogger<RedisConnection>>()));
        return services;
    }

    /// <summary>
    /// Replaces SignalR's in-memory lifetime manager with <see cref="RedisHubLifetimeManager{THub}"/> for every hub
    /// and starts the node registry (heartbeats). Needs a <see cref="RedisConnection"/> (see <see cref="AddRedisConnection"/>).
    /// </summary>
    public static ISignalRServerBuilder AddRedisBackplane(this ISignalRServerBuilder builder, Action<RedisBackplaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<RedisBackplaneOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisBackplaneOptions>, RedisBackplaneOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RedisBackplaneMetrics>();
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(RedisHubLifetimeManager<>));
        services.TryAddSingleton<RedisNodeRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisNodeRegistry>());
        return builder;
    }
}

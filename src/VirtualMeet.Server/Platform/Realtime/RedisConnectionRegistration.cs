using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.SignalR.Redis;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// The one Redis connection of this node, shared by the backplane and the stores (separate key and channel
/// prefixes, one multiplexer). Registered by whichever of them needs Redis first; idempotent.
/// </summary>
public static class RedisConnectionRegistration
{
    public const string ConnectionStringName = "Redis";

    public static WebApplicationBuilder AddSharedRedisConnection(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(RedisHealthCheck)))
        {
            return builder;
        }

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Redis is configured (Realtime:Backplane or Storage:Provider is Redis) but ConnectionStrings:Redis is empty. " +
                "Set it, e.g. ConnectionStrings__Redis=127.0.0.1:6379,abortConnect=false.");
        }

        var redis = builder.Configuration.GetSection(RedisConnectionOptions.Section).Get<RedisConnectionOptions>() ?? new RedisConnectionOptions();
        var channelPrefix = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>()?.ChannelPrefix ?? new RealtimeOptions().ChannelPrefix;
        builder.Services.AddRedisConnection(connectionString, options =>
        {
            // Every channel of the node (the backplane's, resync requests) under one prefix, so deployments can share a Redis.
            options.ChannelPrefix = RedisChannel.Literal(channelPrefix + ":");
            if (!string.IsNullOrEmpty(redis.CaCertificatePath))
            {
                options.TrustIssuer(redis.CaCertificatePath);
            }
        });
        builder.Services.AddSingleton<RedisHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Ready only while Redis answers: a node that cannot reach Redis must not take new clients.</summary>
    internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await redis.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis does not answer.");
    }
}

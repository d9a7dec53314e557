using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Ids;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.SignalR.Redis;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>SignalR with our limits and, when configured, the Redis backplane.</summary>
public static class RealtimeRegistration
{
    /// <summary>Timeouts and intervals of the Redis backplane (<see cref="RedisBackplaneOptions"/>).</summary>
    public const string RedisBackplaneSection = "Realtime:Redis";

    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RealtimeOptions>(RealtimeOptions.Section)
            .Validate(o => o.ClientTimeoutInterval >= 2 * o.KeepAliveInterval,
                "Realtime:ClientTimeoutInterval must be at least twice Realtime:KeepAliveInterval.");

        var realtime = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        var signalR = services
            .AddSignalR()
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            });
        signalR.AddMessagePackProtocolShapedLikeJson();
        services.AddCodedBindingFailures();
        services.AddSingleton<IConfigureOptions<HubOptions>, HubOptionsSetup>();
        // Per-connection outbound buffers in front of every hub mapped with MapRealtimeHub (docs/backplane.md, "Slow consumers").
        services.AddSingleton<SlowConsumers>();
        services.TryAddSingleton<ClusterNode>();
        services.AddSingleton<ConnectionBudgets>();
        services.AddHubFailureLogging();
        services.AddSingleton<ConnectionIndex>();
        services.AddSingleton<RevokedConnectionFilter>();
        services.AddSingleton<ILiveConnections, LiveConnections>();
        services.AddHostedService<RevocationSweep>();

        if (realtime.Backplane == BackplaneKind.Redis)
        {
            builder.AddSharedRedisConnection();
            signalR.AddRedisBackplane();
            services.AddOptions<RedisBackplaneOptions>().BindConfiguration(RedisBackplaneSection);
            services.AddSingleton<IConfigureOptions<RedisBackplaneOptions>, RedisBackplaneSetup>();
            services.AddSingleton<RedisRevocationRelay>();
            services.AddSingleton<IRevocationRelay>(sp => sp.GetRequiredService<RedisRevocationRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationRelay>());
        }
        else
        {
            services.AddSingleton<IRevocationRelay, SingleNodeRevocationRelay>();
        }

        services.AddGroupCap();
        return builder;
    }

    /// <summary>
    /// Puts <see cref="GroupCappedHubLifetimeManager{THub}"/> in front of the lifetime manager registered so far (SignalR's
    /// in-memory one or the Redis backplane's), so that every group join of every hub passes one count.
    /// </summary>
    private static void AddGroupCap(this IServiceCollection services)
    {
        var chosen = services.LastOrDefault(d => d.ServiceType == typeof(HubLifetimeManager<>))?.ImplementationType
            ?? typeof(DefaultHubLifetimeManager<>);
        services.TryAddSingleton(chosen);
        services.AddSingleton(new InnerHubLifetimeManagerType(chosen));
        services.AddSingleton(typeof(InnerHubLifetimeManager<>));
        services.AddSingleton<ConnectionGroups>();
        services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(GroupCappedHubLifetimeManager<>)));
    }

    /// <summary>
    /// Derives the backplane's names from ours: node keys under <see cref="RealtimeOptions.ChannelPrefix"/> (channels
    /// get it from the shared connection, see <see cref="RedisConnectionRegistration"/>), and a server name that starts
    /// with the readable node name but stays unique if two nodes share one.
    /// </summary>
    private sealed class RedisBackplaneSetup(IOptions<RealtimeOptions> realtime, NodeIdentity node) : IConfigureOptions<RedisBackplaneOptions>
    {
        public void Configure(RedisBackplaneOptions options)
        {
            options.NodeKeyPrefix = realtime.Value.ChannelPrefix + ":nodes:";
            options.ServerName = node.Name + "-" + Guid.NewGuid().ToString("N")[..8];
            options.ResyncMethod = HubClientMethods.Resync;
        }
    }

    private sealed class HubOptionsSetup(IOptions<RealtimeOptions> realtime) : IConfigureOptions<HubOptions>
    {
        public void Configure(HubOptions options)
        {
            var value = realtime.Value;
            options.MaximumReceiveMessageSize = value.MaximumReceiveMessageSize;
            options.KeepAliveInterval = value.KeepAliveInterval;
            options.ClientTimeoutInterval = value.ClientTimeoutInterval;
            options.MaximumParallelInvocationsPerClient = value.MaximumParallelInvocationsPerClient;
            options.EnableDetailedErrors = false;
            // Outermost first: the log scope filter inside still sees a Refusal (logged as one) rather than its
            // HubException, and a store outage already turned into the refusal `unavailable`.
            options.AddFilter<RefusalHubFilter>();
            // Before anything else looks at the call: a revoked connection's calls get no further than this.
            options.AddFilter<RevokedConnectionFilter>();
            options.AddFilter<ConnectionBudgets>();
            options.AddFilter<HubCallScopeFilter>();
            // Inside the refusal filter, so that a malformed id answers invalid_argument before the hub method runs.
            options.AddFilter<IdArgumentsHubFilter>();
            options.AddFilter<StoreOutageHubFilter>();
        }
    }
}

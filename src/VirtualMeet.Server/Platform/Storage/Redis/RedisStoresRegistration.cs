using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.SignalR.Redis;

namespace VirtualMeet.Server.Platform.Storage.Redis;

internal static class RedisStoresRegistration
{
    /// <summary>The stores share the node's one Redis connection with the backplane.</summary>
    public static WebApplicationBuilder AddRedisStoreDatabase(this WebApplicationBuilder builder)
    {
        builder.AddSharedRedisConnection();
        builder.Services.AddOptions<RedisStoreOptions>()
            .BindConfiguration(RedisStoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Wall-clock time, not the node's TimeProvider: a test clock moved by hours must not time out a call in flight.
        builder.Services.AddSingleton(sp => new RedisStoreResilience(
            sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value,
            () => sp.GetRequiredService<RedisConnection>().IsConnected));
        builder.Services.AddSingleton(sp => new RedisStoreDatabase(
            sp.GetRequiredService<RedisConnection>().Multiplexer, sp.GetRequiredService<RedisStoreResilience>()));
        builder.Services.AddExceptionHandler<RedisUnavailableExceptionHandler>();
        return builder;
    }
}

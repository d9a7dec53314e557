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
        builder.Services.AddSingleton(sp => new RedisStoreDatabase(sp.GetRequiredService<RedisConnection>().Multiplexer));
        builder.Services.AddExceptionHandler<RedisUnavailableExceptionHandler>();
        return builder;
    }
}

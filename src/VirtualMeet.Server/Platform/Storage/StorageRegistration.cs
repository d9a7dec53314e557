using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Platform.Storage.Redis;

namespace VirtualMeet.Server.Platform.Storage;

/// <summary>Chooses the in-memory or Redis implementation of every store by <c>Storage:Provider</c>.</summary>
internal static class StorageRegistration
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var provider = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider
            ?? StorageProvider.InMemory;
        if (provider == StorageProvider.Redis)
        {
            builder.AddRedisStoreDatabase();
            services.AddRedisStores();
        }
        else
        {
            services.AddInMemoryStores();
        }

        return builder;
    }

    // One line per store: AddStores registers each for every port it implements, the purge and erasure roles too.
    private static void AddInMemoryStores(this IServiceCollection services) => services.AddStores(
        typeof(InMemoryEventStore),
        typeof(InMemoryAttendeeStore),
        typeof(InMemorySessionRegistrationStore),
        typeof(InMemoryPresenceStore),
        typeof(InMemoryChatStore),
        typeof(InMemoryRateLimiter),
        typeof(InMemoryPollStore),
        typeof(InMemoryBreakoutStore),
        typeof(InMemoryStageStore),
        typeof(InMemoryReactionStore),
        typeof(InMemoryQuestionStore),
        typeof(InMemoryBarPushClaims),
        typeof(InMemoryMatchmakingStore),
        typeof(InMemoryDeviceStore),
        typeof(InMemoryRevocationStore),
        typeof(InMemoryAdmissionStore),
        typeof(InMemoryOrganizerStore),
        typeof(InMemoryAuditStore));

    private static void AddRedisStores(this IServiceCollection services) => services.AddStores(
        typeof(RedisEventStore),
        typeof(RedisAttendeeStore),
        typeof(RedisSessionRegistrationStore),
        typeof(RedisPresenceStore),
        typeof(RedisChatStore),
        typeof(RedisRateLimiter),
        typeof(RedisPollStore),
        typeof(RedisBreakoutStore),
        typeof(RedisStageStore),
        typeof(RedisReactionStore),
        typeof(RedisQuestionStore),
        typeof(RedisBarPushClaims),
        typeof(RedisMatchmakingStore),
        typeof(RedisDeviceStore),
        typeof(RedisRevocationStore),
        typeof(RedisAdmissionStore),
        typeof(RedisOrganizerStore),
        typeof(RedisAuditStore),
        // One SCAN over the event's hash tag removes every key of every feature (the stores leave purging to it).
        typeof(RedisEventPurge));

    /// <summary>
    /// Registers each store as one singleton, resolvable as every port it implements: the interfaces of this
    /// server (a feature's or room's store, <c>IEventScopedData</c> for purges, <c>IAttendeeScopedData</c> for
    /// erasure). Added, not tried: the purge and erasure roles are collected from every store that has them.
    /// </summary>
    private static void AddStores(this IServiceCollection services, params Type[] stores)
    {
        foreach (var store in stores)
        {
            services.AddSingleton(store);
            foreach (var port in store.GetInterfaces().Where(IsPort))
                services.AddSingleton(port, sp => sp.GetRequiredService(store));
        }
    }

    private static bool IsPort(Type type) => type.Namespace?.StartsWith("VirtualMeet.Server.", StringComparison.Ordinal) == true;
}

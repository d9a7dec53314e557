using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Networking.Bars;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

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

    private static void AddInMemoryStores(this IServiceCollection services)
    {
        services.AddSingleton<IEventStore, InMemoryEventStore>();
        services.AddEventScopedData<InMemoryPresenceStore>();
        services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<InMemoryPresenceStore>());
        services.AddEventScopedData<InMemoryBreakoutStore>();
        services.AddSingleton<IBreakoutStore>(sp => sp.GetRequiredService<InMemoryBreakoutStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<InMemoryBreakoutStore>());
        services.AddEventScopedData<InMemoryAttendeeStore>();
        services.AddSingleton<IAttendeeStore>(sp => sp.GetRequiredService<InMemoryAttendeeStore>());
        services.AddEventScopedData<InMemorySessionRegistrationStore>();
        services.AddSingleton<ISessionRegistrationStore>(sp => sp.GetRequiredService<InMemorySessionRegistrationStore>());
        services.AddEventScopedData<InMemoryPollStore>();
        services.AddSingleton<IPollStore>(sp => sp.GetRequiredService<InMemoryPollStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<InMemoryPollStore>());
        services.AddEventScopedData<InMemoryBarPushClaims>();
        services.AddSingleton<IBarPushClaims>(sp => sp.GetRequiredService<InMemoryBarPushClaims>());
        services.AddEventScopedData<InMemoryChatStore>();
        services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<InMemoryChatStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<InMemoryChatStore>());
        services.AddEventScopedData<InMemoryRateLimiter>();
        services.AddSingleton<IAttendeeRateLimiter>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
        services.AddEventScopedData<InMemoryStageStore>();
        services.AddSingleton<IStageStore>(sp => sp.GetRequiredService<InMemoryStageStore>());
        services.AddEventScopedData<InMemoryReactionStore>();
        services.AddSingleton<IReactionStore>(sp => sp.GetRequiredService<InMemoryReactionStore>());
        services.AddEventScopedData<InMemoryQuestionStore>();
        services.AddSingleton<IQuestionStore>(sp => sp.GetRequiredService<InMemoryQuestionStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<InMemoryQuestionStore>());
        services.AddEventScopedData<InMemoryMatchmakingStore>();
        services.AddSingleton<IMatchmakingStore>(sp => sp.GetRequiredService<InMemoryMatchmakingStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<InMemoryMatchmakingStore>());
    }

    private static void AddRedisStores(this IServiceCollection services)
    {
        services.AddSingleton<IEventStore, RedisEventStore>();
        services.AddSingleton<IPresenceStore, RedisPresenceStore>();
        services.AddSingleton<RedisBreakoutStore>();
        services.AddSingleton<IBreakoutStore>(sp => sp.GetRequiredService<RedisBreakoutStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<RedisBreakoutStore>());
        services.AddSingleton<IAttendeeStore, RedisAttendeeStore>();
        services.AddSingleton<ISessionRegistrationStore, RedisSessionRegistrationStore>();
        services.AddSingleton<RedisPollStore>();
        services.AddSingleton<IPollStore>(sp => sp.GetRequiredService<RedisPollStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<RedisPollStore>());
        services.AddSingleton<IBarPushClaims, RedisBarPushClaims>();
        services.AddSingleton<RedisChatStore>();
        services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<RedisChatStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<RedisChatStore>());
        services.AddSingleton<IAttendeeRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IStageStore, RedisStageStore>();
        services.AddSingleton<IReactionStore, RedisReactionStore>();
        services.AddSingleton<RedisQuestionStore>();
        services.AddSingleton<IQuestionStore>(sp => sp.GetRequiredService<RedisQuestionStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<RedisQuestionStore>());
        services.AddSingleton<RedisMatchmakingStore>();
        services.AddSingleton<IMatchmakingStore>(sp => sp.GetRequiredService<RedisMatchmakingStore>());
        services.AddSingleton<IAttendeeScopedData>(sp => sp.GetRequiredService<RedisMatchmakingStore>());
        // One SCAN over the event's hash tag removes every key of every feature; see RedisEventPurge.
        services.AddEventScopedData<RedisEventPurge>();
    }

    /// <summary>Registers a store singleton that also takes part in purging an event.</summary>
    public static IServiceCollection AddEventScopedData<TStore>(this IServiceCollection services)
        where TStore : class, IEventScopedData
    {
        services.TryAddSingleton<TStore>();
        services.AddSingleton<IEventScopedData>(sp => sp.GetRequiredService<TStore>());
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Rooms.Presence;

/// <summary>Presence housekeeping (the reaper) and this node's id; the store comes from <c>AddStorage</c>.</summary>
internal static class PresenceRegistration
{
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PresenceOptions>(PresenceOptions.Section);
        services.TryAddSingleton<ClusterNode>();
        services.TryAddSingleton<PresenceReaper>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceReaper>());
        return builder;
    }

    /// <summary>Delivers seats freed in the background, in rooms under the sink's prefix, to <typeparamref name="TSink"/>.</summary>
    public static IServiceCollection AddPresenceChangeSink<TSink>(this IServiceCollection services)
        where TSink : class, IPresenceChangeSink
    {
        services.TryAddSingleton<TSink>();
        services.AddSingleton<IPresenceChangeSink>(sp => sp.GetRequiredService<TSink>());
        return services;
    }
}

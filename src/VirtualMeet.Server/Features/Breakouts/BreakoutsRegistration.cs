using VirtualMeet.Contracts;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>Breakout rooms: limits, services, the presence sink and the hub; stores come from <c>AddStorage</c>.</summary>
internal static class BreakoutsRegistration
{
    public static WebApplicationBuilder AddBreakouts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<BreakoutsOptions>(BreakoutsOptions.Section);
        // AddSignalR is idempotent; realtime hosting configures the protocol, limits and the backplane.
        services.AddSignalR();
        services.AddSingleton<BreakoutAccess>();
        services.AddSingleton<BreakoutCloseScheduler>();
        services.AddSingleton<BreakoutService>();
        services.AddSingleton<BreakoutModeration>();
        services.AddPresenceChangeSink<BreakoutPresenceSink>();
        services.AddSingleton<IAttendeeScopedData, BreakoutErasure>();
        return builder;
    }

    public static WebApplication MapBreakoutsHub(this WebApplication app)
    {
        app.MapRealtimeHub<BreakoutsHub>(HubRoutes.Breakouts);
        return app;
    }
}

using VirtualMeet.Contracts;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>The notifications hub and the services that push through it.</summary>
internal static class NotificationsRegistration
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        // AddSignalR is idempotent; realtime hosting configures hub options and the backplane on the same builder.
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<IRegistrationNotifier, HubRegistrationNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationsHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<NotificationsHub>(HubRoutes.Notifications);
        return app;
    }
}

using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Vernetz-BARs: options, the service, the coalescing publisher and the presence sink; stores come from <c>AddStorage</c>.</summary>
internal static class BarsRegistration
{
    public static WebApplicationBuilder AddBars(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<BarsOptions>(BarsOptions.Section);
        // AddSignalR is idempotent; realtime hosting configures the protocol, limits and the backplane.
        services.AddSignalR();
        services.AddSingleton<BarTables>();
        services.AddSingleton<BarsService>();
        services.AddSingleton<MeetingTableAnnouncer>();
        services.AddSingleton<IMeetingNotifier, BarMeetingNotifier>();
        services.AddSingleton<BarTablesPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<BarTablesPublisher>());
        services.AddPresenceChangeSink<BarPresenceSink>();
        services.AddSingleton<IAttendeeScopedData, BarErasure>();
        return builder;
    }
}

using VirtualMeet.Server.Hosting;
using VirtualMeet.Server.Presence;

namespace VirtualMeet.Server.Bar;

/// <summary>Vernetz-BARs: options, the service, the coalescing publisher and the presence sink; stores come from <c>AddStorage</c>.</summary>
internal static class BarRegistration
{
    public static WebApplicationBuilder AddBars(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<BarOptions>(BarOptions.Section);
        // AddSignalR is idempotent; realtime hosting configures the protocol, limits and the backplane.
        services.AddSignalR();
        services.AddSingleton<BarTables>();
        services.AddSingleton<BarService>();
        services.AddSingleton<MeetingTableAnnouncer>();
        services.AddSingleton<BarTablesPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<BarTablesPublisher>());
        services.AddPresenceChangeSink<BarPresenceSink>();
        return builder;
    }
}

using VirtualMeet.Server.Hosting;

namespace VirtualMeet.Server.Matchmaking;

/// <summary>Organised 1:1 matchmaking: options, the service and the meeting notifier; the store comes from <c>AddStorage</c>.</summary>
internal static class MatchmakingRegistration
{
    public static WebApplicationBuilder AddMatchmaking(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MatchmakingOptions>(MatchmakingOptions.Section);
        // Meeting pushes go out on /hubs/bar; AddSignalR is idempotent.
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<MeetingNotifier>();
        builder.Services.AddSingleton<MatchmakingService>();
        return builder;
    }
}

using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Organised 1:1 matchmaking: options and the service; the store comes from <c>AddStorage</c>, the meeting notifier from <c>AddBars</c>.</summary>
internal static class MatchmakingRegistration
{
    public static WebApplicationBuilder AddMatchmaking(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MatchmakingOptions>(MatchmakingOptions.Section);
        builder.Services.AddSingleton<MeetingExpiry>();
        builder.Services.AddSingleton<MatchmakingService>();
        builder.Services.AddSingleton<IAttendeeScopedData, MatchmakingErasure>();
        return builder;
    }
}

using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>The stage: limits, services and the counter publisher; stores come from <c>AddStorage</c>, viewers from presence.</summary>
internal static class StageRegistration
{
    public static WebApplicationBuilder AddStage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<StageOptions>(StageOptions.Section);
        services.AddSignalR();
        services.AddSingleton<StageAccess>();
        services.AddSingleton<StageUpdateReader>();
        services.AddSingleton<StageNotifier>();
        services.AddSingleton<IStageViewers, PresenceStageViewers>();
        services.AddSingleton<StageService>();
        services.AddSingleton<StageQuestions>();
        services.AddSingleton<StagePublisher>();
        services.AddSingleton<IAttendeeScopedData, StageErasure>();
        services.AddHostedService(sp => sp.GetRequiredService<StagePublisher>());
        return builder;
    }
}

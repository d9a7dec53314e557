using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Live polls: limits, the service, the results publisher and the close scheduler; the store comes from <c>AddStorage</c>.</summary>
internal static class PollsRegistration
{
    public static WebApplicationBuilder AddPolls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PollsOptions>(PollsOptions.Section)
            .Validate(o => o.MinOptions <= o.MaxOptions, "Polls:MinOptions must not be larger than Polls:MaxOptions.");
        // AddSignalR is idempotent; realtime hosting configures the protocol, limits and the backplane.
        services.AddSignalR();
        services.AddSingleton<PollFactory>();
        services.AddSingleton<BallotReader>();
        services.AddSingleton<PollCloseScheduler>();
        services.AddSingleton<PollService>();
        services.AddSingleton<PollResultsPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<PollResultsPublisher>());
        return builder;
    }
}

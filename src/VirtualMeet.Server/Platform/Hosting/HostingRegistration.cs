using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Process plumbing: options, time, health, graceful shutdown.</summary>
public static class HostingRegistration
{
    public static WebApplicationBuilder AddVirtualMeetHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<HostingOptions>(HostingOptions.Section);
        services.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.Section);
        services.AddSingleton<IPostConfigureOptions<HostOptions>, ShutdownTimeoutSetup>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NodeIdentity>();
        services.AddForwardedHeaders();
        services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Binds a section, validates data annotations, and fails at boot rather than at first use.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

    private sealed class ShutdownTimeoutSetup(IOptions<HostingOptions> hosting) : IPostConfigureOptions<HostOptions>
    {
        public void PostConfigure(string? name, HostOptions options) =>
            options.ShutdownTimeout = hosting.Value.ShutdownTimeout;
    }
}

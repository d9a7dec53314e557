using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.RateLimiting;

/// <summary>Per-attendee rate limits: rules and <see cref="AttendeeRateLimits"/>; the limiter comes from <c>AddStorage</c>.</summary>
internal static class RateLimitingRegistration
{
    public static WebApplicationBuilder AddAttendeeRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddSingleton<AttendeeRateLimits>();
        return builder;
    }
}

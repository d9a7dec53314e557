using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Attendee and session registration services; stores come from <c>AddStorage</c>.</summary>
internal static class RegistrationsRegistration
{
    public static WebApplicationBuilder AddRegistrations(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RegistrationsOptions>(RegistrationsOptions.Section);
        builder.Services.AddSingleton<RegistrationService>();
        builder.Services.AddSingleton<IDisplayNameSource, AttendeeDisplayNames>();
        builder.Services.AddSingleton<SessionAvailabilityCache>();
        return builder;
    }
}

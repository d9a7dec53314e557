namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Attendee and session registration services; stores come from <c>AddStorage</c>.</summary>
internal static class RegistrationsRegistration
{
    public static WebApplicationBuilder AddRegistrations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistrationService>();
        return builder;
    }
}

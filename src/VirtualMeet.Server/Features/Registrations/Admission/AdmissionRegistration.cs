using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>Registration modes, invitation codes and tickets; the store comes from <c>AddStorage</c>.</summary>
internal static class AdmissionRegistration
{
    public static WebApplicationBuilder AddAdmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AdmissionOptions>(AdmissionOptions.Section);
        builder.Services.AddSingleton<AdmissionService>();
        return builder;
    }
}

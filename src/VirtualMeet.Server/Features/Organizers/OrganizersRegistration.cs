namespace VirtualMeet.Server.Features.Organizers;

/// <summary>Named organizer accounts and event teams; the store comes from <c>AddStorage</c>.</summary>
internal static class OrganizersRegistration
{
    public static WebApplicationBuilder AddOrganizers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrganizersOptions>()
            .BindConfiguration(OrganizersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OrganizerAccounts>();
        builder.Services.AddSingleton<EventTeam>();
        return builder;
    }
}

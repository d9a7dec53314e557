using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Events;

/// <summary>Event purge service; the store comes from <c>AddStorage</c>.</summary>
internal static class EventsRegistration
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventPurgeService>();
        builder.Services.AddSingleton<IDisplayNameSource, PeopleDisplayNames>();
        return builder;
    }
}

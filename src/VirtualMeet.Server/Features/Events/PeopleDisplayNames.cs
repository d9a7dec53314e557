using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Events;

/// <summary>A speaker's or moderator's name, from the event's people (public, as in the programme).</summary>
internal sealed class PeopleDisplayNames(IEventStore events) : IDisplayNameSource
{
    public async Task<string?> FindAsync(string eventId, string subject, CancellationToken cancellationToken) =>
        (await events.GetAsync(eventId, cancellationToken))?.People?.FirstOrDefault(person => person.Id == subject)?.Name;
}

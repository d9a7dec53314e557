using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>An attendee's display name, from their registration.</summary>
internal sealed class AttendeeDisplayNames(IAttendeeStore attendees) : IDisplayNameSource
{
    public async Task<string?> FindAsync(string eventId, string subject, CancellationToken cancellationToken) =>
        (await attendees.GetAsync(eventId, subject, cancellationToken))?.DisplayName;
}

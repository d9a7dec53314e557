namespace VirtualMeet.Server.Features.Registrations;

/// <summary>
/// Implemented by every store that keeps personal data of an attendee beyond their registration (chat lines,
/// questions, ...), so that an attendee's erasure request removes all of it.
/// </summary>
public interface IAttendeeScopedData
{
    Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken);
}

using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Attendee sign-up, session seats with waitlist, and an attendee's erasure.</summary>
internal sealed partial class RegistrationService(
    IAttendeeStore attendees,
    ISessionRegistrationStore sessions,
    IRegistrationNotifier notifier,
    IEnumerable<IAttendeeScopedData> personalData,
    DeviceSessions devices,
    TimeProvider time,
    ILogger<RegistrationService> logger)
{
    public async Task<Attendee> RegisterAttendeeAsync(EventDefinition definition, AttendeeRegistrationRequest request, CancellationToken cancellationToken)
    {
        var attendee = new Attendee(
            Guid.NewGuid().ToString("N"),
            definition.Id,
            Shown(request.DisplayName),
            string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            string.IsNullOrWhiteSpace(request.Organization) ? null : Shown(request.Organization),
            request.Language ?? definition.Languages[0],
            request.Interests?.Select(Shown).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [],
            time.GetUtcNow());
        await attendees.AddAsync(attendee, cancellationToken);
        LogAttendeeRegistered(definition.Id, attendee.Id);
        return attendee;
    }

    // Stored as others see it: NFC, so that a decomposed "é" is the same name as a composed one. The validator
    // refused text that is not Unicode.
    private static string Shown(string text) => UserText.Normalise(text.Trim())!;

    public async Task<SessionPlace> RegisterForSessionAsync(string eventId, SessionDefinition session, string attendeeId, CancellationToken cancellationToken)
    {
        var place = await sessions.RegisterAsync(eventId, session.Id, attendeeId, session.Capacity, cancellationToken);
        LogSessionRegistration(eventId, session.Id, attendeeId, place.Status, place.Position);
        return place;
    }

    public async Task<Cancellation> CancelSessionAsync(string eventId, SessionDefinition session, string attendeeId, CancellationToken cancellationToken)
    {
        var cancellation = await sessions.CancelAsync(eventId, session.Id, attendeeId, session.Capacity, cancellationToken);
        LogSessionCancelled(eventId, session.Id, attendeeId, cancellation.Previous, cancellation.Promoted.Count);
        foreach (var promoted in cancellation.Promoted)
        {
            // The seat is already theirs in the store; a failed push only delays when they learn of it.
            await notifier.PromotedAsync(eventId, session.Id, promoted, cancellationToken);
        }

        return cancellation;
    }

    public async Task<AttendeeProfile?> GetProfileAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var attendee = await attendees.GetAsync(eventId, attendeeId, cancellationToken);
        if (attendee is null)
            return null;

        var entries = new List<SessionRegistrationEntry>();
        foreach (var sessionId in await sessions.GetSessionsOfAsync(eventId, attendeeId, cancellationToken))
        {
            var place = await sessions.GetAsync(eventId, sessionId, attendeeId, cancellationToken);
            entries.Add(new SessionRegistrationEntry(sessionId, place.Status, place.Position));
        }

        return new AttendeeProfile(attendee.Id, attendee.EventId, attendee.DisplayName, attendee.Email,
            attendee.Organization, attendee.Language, attendee.Interests, attendee.RegisteredAt,
            entries.OrderBy(e => e.SessionId, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Right to erasure: signs out every device, gives up every seat (promoting the waitlist as a normal cancel would), lets every
    /// feature drop what it holds about the attendee, then deletes the record itself.
    /// </summary>
    public async Task<bool> EraseAttendeeAsync(EventDefinition? definition, string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        // First: from here on no token of theirs opens anything, and their connections close on every node, so
        // nothing they still send lands after the data below is gone.
        await devices.EndAllAsync(eventId, attendeeId, cancellationToken);
        foreach (var sessionId in await sessions.GetSessionsOfAsync(eventId, attendeeId, cancellationToken))
        {
            var session = definition?.Sessions.FirstOrDefault(s => s.Id == sessionId);
            if (session is not null)
                await CancelSessionAsync(eventId, session, attendeeId, cancellationToken);
            else
                // The session (or the whole definition) is gone: free the place without promoting anyone.
                await sessions.CancelAsync(eventId, sessionId, attendeeId, capacity: 0, cancellationToken);
        }

        foreach (var data in personalData)
            await data.EraseAttendeeAsync(eventId, attendeeId, cancellationToken);

        var existed = await attendees.DeleteAsync(eventId, attendeeId, cancellationToken);
        LogAttendeeErased(eventId, attendeeId);
        return existed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} registered for event {EventId}")]
    private partial void LogAttendeeRegistered(string eventId, string attendeeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} registered for session {SessionId} of event {EventId}: {Status} {Position}")]
    private partial void LogSessionRegistration(string eventId, string sessionId, string attendeeId, SessionRegistrationStatus status, int? position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} cancelled session {SessionId} of event {EventId} (was {Previous}); {PromotedCount} promoted")]
    private partial void LogSessionCancelled(string eventId, string sessionId, string attendeeId, SessionRegistrationStatus previous, int promotedCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendee {AttendeeId} of event {EventId} erased")]
    private partial void LogAttendeeErased(string eventId, string attendeeId);
}

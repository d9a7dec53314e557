using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Features.Attendance;

/// <summary>
/// Builds the attendance report: every registered attendee, with the seats and waitlist places the session
/// rosters hold for them (none for someone who only signed up), and per session the counts.
/// </summary>
internal sealed class AttendanceReports(ISessionRegistrationStore seats, IAttendeeStore attendees)
{
    public async Task<AttendanceReport> BuildAsync(EventDefinition definition, string language, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionAttendance>();
        var places = new Dictionary<string, List<SessionRegistrationEntry>>(StringComparer.Ordinal);
        foreach (var session in definition.Sessions)
        {
            var roster = await seats.GetRosterAsync(definition.Id, session.Id, cancellationToken);
            sessions.Add(new SessionAttendance(session.Id, TitleIn(session.Title, language), session.Capacity, roster.Confirmed.Count, roster.Waitlist.Count));
            foreach (var attendeeId in roster.Confirmed)
                PlacesOf(places, attendeeId).Add(new SessionRegistrationEntry(session.Id, SessionRegistrationStatus.Confirmed, null));
            for (var i = 0; i < roster.Waitlist.Count; i++)
                PlacesOf(places, roster.Waitlist[i]).Add(new SessionRegistrationEntry(session.Id, SessionRegistrationStatus.Waitlisted, i + 1));
        }

        // An attendee erased between the roster reads and this list simply drops out.
        var people = (await attendees.ListAsync(definition.Id, cancellationToken))
            .Select(attendee => new AttendeeAttendance(attendee.Id, attendee.DisplayName, attendee.Organization, attendee.Email,
                attendee.Language, attendee.RegisteredAt, places.GetValueOrDefault(attendee.Id) ?? []))
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(a => a.AttendeeId, StringComparer.Ordinal)
            .ToList();
        return new AttendanceReport(definition.Id, sessions, people);
    }

    private static List<SessionRegistrationEntry> PlacesOf(Dictionary<string, List<SessionRegistrationEntry>> places, string attendeeId)
    {
        if (!places.TryGetValue(attendeeId, out var list))
            places[attendeeId] = list = [];
        return list;
    }

    private static string TitleIn(LocalizedText title, string language) =>
        (language == "de" ? title.De ?? title.En : title.En ?? title.De) ?? "";
}

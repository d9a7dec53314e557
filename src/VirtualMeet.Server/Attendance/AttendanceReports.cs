using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Registrations;

namespace VirtualMeet.Server.Attendance;

/// <summary>
/// Builds the attendance report from the session rosters, the only complete index of who registered for what:
/// the attendee store looks people up by id and keeps no list (an attendee without any place is not in the report).
/// </summary>
internal sealed class AttendanceReports(ISessionRegistrationStore seats, IAttendeeStore attendees)
{
    // Attendee lookups are one store round trip each; a bounded number in flight keeps a large export quick
    // without flooding the store.
    private const int ParallelLookups = 16;

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

        var people = new AttendeeAttendance?[places.Count];
        var ids = places.Keys.ToArray();
        await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = ParallelLookups, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                // An attendee erased between the roster read and this lookup simply drops out.
                var attendee = await attendees.GetAsync(definition.Id, ids[i], token);
                if (attendee is not null)
                {
                    people[i] = new AttendeeAttendance(attendee.Id, attendee.DisplayName, attendee.Organization, attendee.Email,
                        attendee.Language, attendee.RegisteredAt, places[ids[i]]);
                }
            });

        var ordered = people.OfType<AttendeeAttendance>()
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(a => a.AttendeeId, StringComparer.Ordinal)
            .ToList();
        return new AttendanceReport(definition.Id, sessions, ordered);
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

using System.Globalization;
using System.Text;
using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Attendance;

/// <summary>
/// One line per session place, and one with empty session columns for an attendee without any; attendees keep the
/// report's order, their places the agenda's.
/// </summary>
internal static class AttendanceCsv
{
    public const string Header = "attendeeId,displayName,organization,email,sessionId,sessionTitle,status,position";

    public static string Write(AttendanceReport report)
    {
        var titles = report.Sessions.ToDictionary(s => s.SessionId, s => s.Title, StringComparer.Ordinal);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var attendee in report.Attendees)
        {
            if (attendee.Sessions.Count == 0)
            {
                // Signed up, no seat anywhere: one line with empty session columns, so the sheet lists everyone.
                AppendPerson(csv, attendee).Append(",,,\n");
                continue;
            }

            foreach (var place in attendee.Sessions)
            {
                AppendPerson(csv, attendee)
                    .Append(place.SessionId).Append(',')
                    .Append(CsvText.Quote(titles.GetValueOrDefault(place.SessionId, ""))).Append(',')
                    .Append(place.Status == SessionRegistrationStatus.Confirmed ? "confirmed" : "waitlisted").Append(',')
                    .Append(place.Position?.ToString(CultureInfo.InvariantCulture) ?? "").Append('\n');
            }
        }

        return csv.ToString();
    }

    private static StringBuilder AppendPerson(StringBuilder csv, AttendeeAttendance attendee) =>
        csv.Append(attendee.AttendeeId).Append(',')
            .Append(CsvText.Quote(attendee.DisplayName)).Append(',')
            .Append(CsvText.Quote(attendee.Organization ?? "")).Append(',')
            .Append(CsvText.Quote(attendee.Email ?? "")).Append(',');
}

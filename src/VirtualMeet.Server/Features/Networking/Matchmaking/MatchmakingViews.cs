using System.Globalization;
using System.Text;
using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Records to wire messages, and the CSV form of the export.</summary>
internal static class MatchmakingViews
{
    private const string MeetingTablePrefix = "meeting-";

    /// <summary>The id of a meeting's private table in the bar <c>BarIds.Meetings</c>; built here only.</summary>
    public static string TableIdOf(string meetingId) => MeetingTablePrefix + meetingId;

    /// <summary>The meeting id of a private table id, or null for any other id.</summary>
    public static string? MeetingIdOf(string tableId) =>
        tableId.StartsWith(MeetingTablePrefix, StringComparison.Ordinal) ? tableId[MeetingTablePrefix.Length..] : null;

    /// <summary>Display names by attendee id; an attendee without a profile is shown by id.</summary>
    public static Func<string, string> NamesOf(IReadOnlyList<MatchmakingProfile> profiles)
    {
        var names = profiles.ToDictionary(p => p.AttendeeId, p => p.DisplayName, StringComparer.Ordinal);
        return id => names.GetValueOrDefault(id, id);
    }

    public static MatchmakingProfileView Profile(MatchmakingProfile profile) =>
        new(profile.AttendeeId, profile.DisplayName, profile.Organization, profile.Interests, profile.Offers, profile.Seeks);

    public static MeetingView Meeting(MeetingRecord meeting, Func<string, string> nameOf) => new(
        meeting.Id,
        meeting.EventId,
        meeting.RequesterId,
        nameOf(meeting.RequesterId),
        meeting.InviteeId,
        nameOf(meeting.InviteeId),
        meeting.SlotStartsAt,
        meeting.SlotEndsAt,
        meeting.Status,
        meeting.Message,
        meeting.Version,
        TableIdOf(meeting.Id));

    public static MatchmakingExport Export(
        string eventId, IReadOnlyList<MatchmakingProfile> profiles, IReadOnlyList<MeetingRecord> meetings, DateTimeOffset now)
    {
        var nameOf = NamesOf(profiles);
        var held = meetings.Where(m => m.IsHeldBy(now)).ToList();
        int Count(MeetingStatus status) => meetings.Count(m => m.Status == status);
        return new MatchmakingExport(
            eventId,
            now,
            Participants: profiles.Count,
            PeopleMet: held.SelectMany(m => new[] { m.RequesterId, m.InviteeId }).Distinct(StringComparer.Ordinal).Count(),
            MeetingsHeld: held.Count,
            MeetingsRequested: Count(MeetingStatus.Requested),
            MeetingsAccepted: Count(MeetingStatus.Accepted),
            MeetingsDeclined: Count(MeetingStatus.Declined),
            MeetingsCancelled: Count(MeetingStatus.Cancelled),
            meetings
                .OrderBy(m => m.SlotStartsAt)
                .ThenBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => new MatchmakingExportMeeting(
                    m.Id, m.SlotStartsAt, m.RequesterId, nameOf(m.RequesterId), m.InviteeId, nameOf(m.InviteeId), m.Status, m.IsHeldBy(now)))
                .ToList());
    }

    /// <summary>One line per meeting after a header; the figures are in the JSON form.</summary>
    public static string Csv(MatchmakingExport export)
    {
        var csv = new StringBuilder("meetingId,slotStartsAt,requesterId,requesterName,inviteeId,inviteeName,status,held\r\n");
        foreach (var m in export.Meetings)
        {
            csv.AppendJoin(',',
                Field(m.Id),
                Field(m.SlotStartsAt.ToString("O", CultureInfo.InvariantCulture)),
                Field(m.RequesterId),
                Field(m.RequesterName),
                Field(m.InviteeId),
                Field(m.InviteeName),
                Field(m.Status.ToString().ToLowerInvariant()),
                m.Held ? "true" : "false");
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading formula character is defused for spreadsheet programs.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

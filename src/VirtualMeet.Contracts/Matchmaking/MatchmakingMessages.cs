using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Matchmaking;

/// <summary>
/// Body of <c>PUT /api/events/{eventId}/matchmaking/profile</c>: taking part in matchmaking. Interests default to
/// those given at registration.
/// </summary>
public sealed record MatchmakingProfileRequest(
    IReadOnlyList<string>? Interests = null,
    IReadOnlyList<string>? Offers = null,
    IReadOnlyList<string>? Seeks = null);

/// <summary>An attendee as matchmaking shows them; tags are trimmed and compared case-insensitively.</summary>
public sealed record MatchmakingProfileView(
    string AttendeeId,
    string DisplayName,
    string? Organization,
    IReadOnlyList<string> Interests,
    IReadOnlyList<string> Offers,
    IReadOnlyList<string> Seeks);

/// <summary>Someone worth meeting, with the reasons.</summary>
/// <param name="Mutual">Each offers something the other seeks.</param>
/// <param name="TheyOffer">What they offer that the caller seeks.</param>
/// <param name="TheySeek">What they seek that the caller offers.</param>
public sealed record MatchSuggestion(
    MatchmakingProfileView Profile,
    int Score,
    bool Mutual,
    IReadOnlyList<string> SharedInterests,
    IReadOnlyList<string> TheyOffer,
    IReadOnlyList<string> TheySeek);

/// <summary>Body of <c>POST /api/events/{eventId}/matchmaking/meetings</c>.</summary>
/// <param name="SlotStartsAt">The start of one of the window's slots (see <c>GET .../matchmaking/slots</c>).</param>
public sealed record MeetingRequest(string InviteeId, DateTimeOffset SlotStartsAt, string? Message = null);

/// <summary>
/// Where a meeting stands: requested → accepted | declined | expired (unanswered in time, or its slot began);
/// requested or accepted → cancelled.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingStatus>))]
public enum MeetingStatus
{
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("expired")] Expired,
}

/// <summary>A 1:1 meeting; <see cref="Version"/> grows with each change, so a client keeps the newest.</summary>
/// <param name="TableId">The private table of the pair in the bar <c>BarIds.Meetings</c>; meaningful once accepted.</param>
public sealed record MeetingView(
    string Id,
    string EventId,
    string RequesterId,
    string RequesterName,
    string InviteeId,
    string InviteeName,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    MeetingStatus Status,
    string? Message,
    long Version,
    string TableId);

/// <summary>The event's matchmaking window and its slots, with the caller's booked ones.</summary>
public sealed record MatchmakingSlotsView(
    DateTimeOffset WindowStartsAt,
    DateTimeOffset WindowEndsAt,
    int SlotMinutes,
    IReadOnlyList<MatchmakingSlot> Slots);

/// <param name="MeetingId">The caller's requested or accepted meeting in this slot, if any.</param>
public sealed record MatchmakingSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? MeetingId);

/// <summary>
/// Organizer export (<c>GET /api/events/{eventId}/matchmaking/export</c>): the figures an organizer reports
/// ("45 participants held 72 talks") and every meeting.
/// </summary>
/// <param name="Participants">Attendees who took part in matchmaking (stated a profile).</param>
/// <param name="PeopleMet">Distinct attendees in at least one held meeting.</param>
/// <param name="MeetingsHeld">Accepted meetings whose slot has started.</param>
public sealed record MatchmakingExport(
    string EventId,
    DateTimeOffset ExportedAt,
    int Participants,
    int PeopleMet,
    int MeetingsHeld,
    int MeetingsRequested,
    int MeetingsAccepted,
    int MeetingsDeclined,
    int MeetingsCancelled,
    IReadOnlyList<MatchmakingExportMeeting> Meetings);

public sealed record MatchmakingExportMeeting(
    string Id,
    DateTimeOffset SlotStartsAt,
    string RequesterId,
    string RequesterName,
    string InviteeId,
    string InviteeName,
    MeetingStatus Status,
    bool Held);

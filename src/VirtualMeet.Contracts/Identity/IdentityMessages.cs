namespace VirtualMeet.Contracts.Identity;

/// <summary>
/// Body of <c>POST /api/auth/organizer</c>: either the administrator's <paramref name="Key"/> or a named organizer's
/// <paramref name="OrganizerId"/> and <paramref name="Secret"/>. With <paramref name="EventId"/> the key's token also
/// belongs to that event, so hubs that take the event from the token (stage, breakouts, bars) accept it; without, it
/// spans events for REST administration. A named organizer exchanges its token at
/// <c>POST /api/events/{eventId}/organizer-token</c> for one of an event of its team.
/// </summary>
public sealed record OrganizerTokenRequest(string? Key, string? EventId = null, string? OrganizerId = null, string? Secret = null);

/// <summary>A bearer token; hubs take it as the <c>access_token</c> query parameter.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

namespace VirtualMeet.Contracts.Identity;

/// <summary>
/// Body of <c>POST /api/auth/organizer</c>. With <paramref name="EventId"/> the organizer token also belongs to that
/// event, so hubs that take the event from the token (stage, breakouts, bars) accept it; without, it spans events
/// for REST administration.
/// </summary>
public sealed record OrganizerTokenRequest(string Key, string? EventId = null);

/// <summary>A bearer token; hubs take it as the <c>access_token</c> query parameter.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

namespace VirtualMeet.Contracts.Identity;

/// <summary>Body of <c>POST /api/auth/organizer</c>.</summary>
public sealed record OrganizerTokenRequest(string Key);

/// <summary>A bearer token; hubs take it as the <c>access_token</c> query parameter.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

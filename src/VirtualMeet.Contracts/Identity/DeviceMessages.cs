namespace VirtualMeet.Contracts.Identity;

/// <summary>
/// Body of <c>POST /api/events/{eventId}/devices</c>: signs in another device with the personal sign-in code.
/// </summary>
/// <param name="Label">How the device is listed, e.g. "Phone"; at most 60 characters.</param>
public sealed record DeviceSignInRequest(string SignInCode, string? Label = null);

/// <summary>Body of <c>POST /api/events/{eventId}/devices/refresh</c>.</summary>
public sealed record TokenRefreshRequest(string RefreshToken);

/// <summary>
/// A device's tokens: the access token (short-lived; hubs take it as <c>access_token</c>) and the refresh token that
/// renews it. Each refresh answers a new refresh token and the old one stops working.
/// </summary>
public sealed record DeviceTokensResponse(
    string AttendeeId,
    string DeviceId,
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string RefreshToken);

/// <summary>One signed-in device of the caller (<c>GET /api/events/{eventId}/devices</c>).</summary>
/// <param name="Current">Whether the request came from this device.</param>
public sealed record DeviceView(string DeviceId, string Label, DateTimeOffset SignedInAt, DateTimeOffset LastUsedAt, bool Current);

/// <summary>A new personal sign-in code; the previous one stops working.</summary>
public sealed record SignInCodeResponse(string SignInCode);

/// <summary>
/// Answer to <c>POST /api/events/{eventId}/people/{personId}/tokens</c>: a signed-in device for the speaker or
/// moderator, and their personal sign-in code, which the organizer can pass on instead of the token.
/// </summary>
public sealed record PersonTokenResponse(
    string PersonId,
    string DeviceId,
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string RefreshToken,
    string SignInCode);

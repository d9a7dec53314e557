using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Revokes tokens and answers whether a token is revoked. Checked where a token is validated (every REST request and
/// every hub connect, <see cref="JwtBearerSetup"/>); an open hub connection learns of a revocation from
/// <see cref="ILiveConnections"/>, so a hub call costs no store read.
/// </summary>
internal sealed partial class TokenRevocations(
    IRevocationStore store,
    ILiveConnections live,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<TokenRevocations> logger)
{
    public async Task RevokeAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        // Stored first: a connection that opens while the nodes are closing the old ones is refused by the store.
        await store.AddAsync(revocation, time.GetUtcNow(), KeepFor, cancellationToken);
        LogRevoked(revocation.EventId, revocation.Subject, revocation.DeviceId);
        await live.CloseAsync(revocation, cancellationToken);
    }

    /// <summary>
    /// Where revocations of tokens that span events (organizers') are kept: a scope shaped like an event id, so its keys
    /// follow the same rules. Organizer subjects (<c>admin</c>, <c>org-…</c>) never name an attendee.
    /// </summary>
    public const string AcrossEvents = "across-events";

    /// <summary>The revocation scope of <paramref name="user"/>'s token: its event, or <see cref="AcrossEvents"/>.</summary>
    public static string ScopeOf(ClaimsPrincipal user) => user.FindFirstValue(VirtualMeetClaims.EventId) ?? AcrossEvents;

    /// <summary>Whether the token of <paramref name="user"/> was revoked after it was issued.</summary>
    public async Task<bool> IsRevokedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } subject)
            return false;
        var eventId = ScopeOf(user);

        var revokedUpTo = await store.RevokedUpToAsync(eventId, subject, user.FindFirstValue(VirtualMeetClaims.Device), cancellationToken);
        return revokedUpTo is { } upTo && IssuedAt(user) <= upTo;
    }

    /// <summary>
    /// Token times have whole seconds: a token issued in the second of a revocation counts as issued before it. Only a
    /// re-imported event's first registrations in that same second are refused by this, and they can repeat it.
    /// </summary>
    private static DateTimeOffset IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("iat"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    // After this every token a revocation covers has expired on its own (clock skew included).
    private TimeSpan KeepFor
    {
        get
        {
            var settings = options.Value;
            var longest = settings.TokenLifetime > settings.OrganizerTokenLifetime ? settings.TokenLifetime : settings.OrganizerTokenLifetime;
            return longest + JwtBearerSetup.ClockSkew;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tokens revoked in event {EventId}: subject {Subject}, device {DeviceId}")]
    private partial void LogRevoked(string eventId, string? subject, string? deviceId);
}

/// <summary>Why a signed, unexpired token was refused: it was revoked after it was issued.</summary>
internal sealed class RevokedTokenException()
    : Exception("The token was revoked: its device was signed out, its registration erased or its event purged. Sign in again.");

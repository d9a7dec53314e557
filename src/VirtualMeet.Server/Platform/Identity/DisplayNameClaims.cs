using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Adds the caller's display name to the principal after authentication, read from where it is stored
/// (<see cref="IDisplayNameSource"/>), so that hubs and endpoints find it as before while the token carries none.
/// A WebSocket hub connection is authenticated once, so it costs one read; a token that already names its bearer
/// (an organizer's, an external authority's) is left as it is. A caller no source knows (erased, or the event purged)
/// gets no name, and features show the id instead.
/// </summary>
internal sealed class DisplayNameClaims(IEnumerable<IDisplayNameSource> sources) : IClaimsTransformation
{
    private readonly IDisplayNameSource[] _sources = [.. sources];

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || principal.HasClaim(claim => claim.Type == VirtualMeetClaims.Name)
            || principal.FindFirstValue(VirtualMeetClaims.EventId) is not { } eventId
            || principal.FindFirstValue(VirtualMeetClaims.Subject) is not { } subject)
        {
            return principal;
        }

        foreach (var source in _sources)
        {
            // No request token here (the interface has none); the stores bound every call by their own timeout.
            if (await source.FindAsync(eventId, subject, CancellationToken.None) is { } name)
            {
                // A copy: the transformation may run more than once per request, and the authenticated principal is
                // cached by the authentication handler.
                var named = principal.Clone();
                ((ClaimsIdentity)named.Identity!).AddClaim(new Claim(VirtualMeetClaims.Name, name));
                return named;
            }
        }

        return principal;
    }
}

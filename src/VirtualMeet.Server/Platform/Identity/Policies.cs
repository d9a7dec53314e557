using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>Authorization policy names, and the checks that need the route's event id.</summary>
public static class Policies
{
    public const string Organizer = "organizer";

    /// <summary>Any token that belongs to an event (attendee, speaker, moderator).</summary>
    public const string Participant = "participant";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Organizer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Organizer));
        options.AddPolicy(Participant, policy => policy.RequireAuthenticatedUser()
            .RequireRole(Roles.Attendee, Roles.Speaker, Roles.Moderator));
    }

    /// <summary>The caller's id, as used for registrations and <c>Clients.User</c>.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(VirtualMeetClaims.Subject);

    /// <summary>Whether the token was issued for this event; a token of one event opens nothing in another.</summary>
    public static bool BelongsTo(this ClaimsPrincipal user, string eventId) =>
        string.Equals(user.FindFirstValue(VirtualMeetClaims.EventId), eventId, StringComparison.Ordinal);
}

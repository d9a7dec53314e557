using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>Authorization policy names, and the checks that need the route's event id.</summary>
public static class Policies
{
    /// <summary>
    /// Organizers of the route's event: administrators, organizers across events, and the event's owners and organizers
    /// (a token of that event). A route without an event (import, diagnostics) takes tokens that span events only.
    /// </summary>
    public const string Organizer = "organizer";

    /// <summary>Like <see cref="Organizer"/>, but of the event's team only its owners: who may change the team.</summary>
    public const string TeamManager = "team-manager";

    /// <summary>Administrators: the shared key's tokens and an external authority's organizers. They manage organizer accounts.</summary>
    public const string Administrator = "administrator";

    /// <summary>Any organizer's token, or a named account's before it chose an event: who may ask for an event's organizer token.</summary>
    public const string OrganizerSignedIn = "organizer-signed-in";

    /// <summary>Any token that belongs to an event (attendee, speaker, moderator).</summary>
    public const string Participant = "participant";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Organizer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Organizer)
            .AddRequirements(new EventScopeRequirement(OwnersOnly: false)));
        options.AddPolicy(TeamManager, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Organizer)
            .AddRequirements(new EventScopeRequirement(OwnersOnly: true)));
        options.AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        options.AddPolicy(OrganizerSignedIn, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Organizer, Roles.OrganizerAccount));
        options.AddPolicy(Participant, policy => policy.RequireAuthenticatedUser()
            .RequireRole(Roles.Attendee, Roles.Speaker, Roles.Moderator));
    }

    /// <summary>The caller's id, as used for registrations and <c>Clients.User</c>.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(VirtualMeetClaims.Subject);

    /// <summary>The event the token belongs to; <c>null</c> for tokens that span events.</summary>
    public static string? EventIdOf(this ClaimsPrincipal user) => user.FindFirstValue(VirtualMeetClaims.EventId);

    /// <summary>Whether the token was issued for this event; a token of one event opens nothing in another.</summary>
    public static bool BelongsTo(this ClaimsPrincipal user, string eventId) =>
        string.Equals(user.EventIdOf(), eventId, StringComparison.Ordinal);

    /// <summary>
    /// Whether the caller organizes <paramref name="eventId"/>: an administrator, an organizer whose token spans events,
    /// or an organizer (owner) with a token of this event. An event token of a named organizer opens no other event.
    /// </summary>
    public static bool Organizes(this ClaimsPrincipal user, string eventId) =>
        user.IsInRole(Roles.Administrator)
        || user.IsInRole(Roles.Organizer) && (user.EventIdOf() is null || user.BelongsTo(eventId));

    /// <summary>Whether the caller moderates all of <paramref name="eventId"/>: its organizers and its team's moderators.</summary>
    public static bool ModeratesWholeEvent(this ClaimsPrincipal user, string eventId) =>
        user.Organizes(eventId) || user.IsInRole(Roles.EventModerator) && user.BelongsTo(eventId);
}

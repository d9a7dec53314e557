using System.Security.Claims;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Audit;

/// <summary>
/// Who did something the audit log records: the token's subject, and a name only for organizers (their accounts are
/// not attendees). A moderating attendee or speaker appears under their pseudonymous id alone, so the log holds no
/// attendee's display name.
/// </summary>
internal sealed record AuditActor(string Id, string? Name)
{
    private static readonly string[] NamedRoles = [Roles.Administrator, Roles.Organizer, Roles.EventModerator];

    public static AuditActor From(ClaimsPrincipal user)
    {
        var id = user.UserId() ?? throw new InvalidOperationException("An audited action needs a token with a subject.");
        return new AuditActor(id, NamedRoles.Any(user.IsInRole) ? user.FindFirstValue(VirtualMeetClaims.Name) : null);
    }
}

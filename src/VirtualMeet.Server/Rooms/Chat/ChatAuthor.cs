using System.Security.Claims;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>Who writes a chat line, taken from their token.</summary>
internal sealed record ChatAuthor(string Id, string Name, string Role)
{
    private static readonly string[] RolesByRank = [Roles.Organizer, Roles.Moderator, Roles.Speaker, Roles.Attendee];

    /// <summary><c>null</c> for a token without a subject.</summary>
    public static ChatAuthor? From(ClaimsPrincipal user) => user.UserId() is { } id
        ? new ChatAuthor(id, user.FindFirstValue(VirtualMeetClaims.Name) ?? id, RolesByRank.FirstOrDefault(user.IsInRole) ?? Roles.Attendee)
        : null;
}

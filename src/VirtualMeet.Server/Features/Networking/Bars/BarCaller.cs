using System.Security.Claims;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Who calls the bar hub, over which connection, taken from their token.</summary>
internal sealed record BarCaller(string EventId, ChatAuthor Author, string Language, string ConnectionId)
{
    public string AttendeeId => Author.Id;

    /// <summary><c>null</c> for a token that belongs to no event (organizers) or has no subject.</summary>
    public static BarCaller? From(ClaimsPrincipal user, string connectionId) =>
        user.FindFirstValue(VirtualMeetClaims.EventId) is { } eventId && ChatAuthor.From(user) is { } author
            ? new BarCaller(eventId, author, user.FindFirstValue(VirtualMeetClaims.Language) ?? "de", connectionId)
            : null;
}

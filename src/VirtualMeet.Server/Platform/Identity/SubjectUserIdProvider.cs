using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>SignalR user id = the token's <c>sub</c> (the attendee id), so services can push with <c>Clients.User(attendeeId)</c>.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.UserId();
}

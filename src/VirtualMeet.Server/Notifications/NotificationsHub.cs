using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Notifications;

namespace VirtualMeet.Server.Notifications;

/// <summary>
/// Personal notifications. Clients only listen; pushes are addressed with <c>Clients.User(attendeeId)</c>, so a
/// user connected to any node with any number of tabs gets them.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub<INotificationsClient>;

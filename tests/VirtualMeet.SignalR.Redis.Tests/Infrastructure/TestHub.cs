using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>The hub the managers under test serve; its methods are used by the end-to-end tests.</summary>
public sealed class TestHub : Hub
{
    public Task JoinGroup(string groupName) => Groups.AddToGroupAsync(Context.ConnectionId, groupName);

    public Task LeaveGroup(string groupName) => Groups.RemoveFromGroupAsync(Context.ConnectionId, groupName);

    public string GetConnectionId() => Context.ConnectionId;
}

using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.SignalR.Redis;

/// <summary>A hub's lifetime manager as <see cref="BackplaneResync"/> sees it: a set of local connections to ask.</summary>
public interface IResyncTarget
{
    /// <summary>Writes <paramref name="resync"/> to every local connection of the hub; returns how many were asked.</summary>
    Task<int> AskLocalConnectionsToResyncAsync(SerializedHubMessage resync);
}

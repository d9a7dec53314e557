using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Lets an organizer check that the cluster fans out: two connections (on any nodes) join a probe group and
/// one sends; both receive the probe through the backplane. Probe groups are prefixed so they can never
/// collide with a feature's groups.
/// </summary>
[Authorize(Policy = Policies.Organizer)]
public sealed class ClusterProbeHub(NodeIdentity node, TimeProvider time) : Hub<IClusterProbeClient>
{
    private const int MaxGroupLength = 100;
    private const int MaxTextLength = 1_000;

    public ProbeNodeInfo WhoAmI() => new(node.Name, Context.ConnectionId);

    public async Task JoinProbeGroup(string group)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(group), Context.ConnectionAborted);
    }

    public async Task LeaveProbeGroup(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(group), Context.ConnectionAborted);
    }

    public async Task SendProbe(string group, string text)
    {
        if (text is null || text.Length > MaxTextLength)
        {
            throw Refusal.InvalidArgument($"Probe text must be at most {MaxTextLength} characters.");
        }

        await Clients.Group(GroupName(group)).ProbeReceived(new ClusterProbe(group, text, node.Name, time.GetUtcNow()));
    }

    private static string GroupName(string group)
    {
        if (string.IsNullOrEmpty(group) || group.Length > MaxGroupLength)
        {
            throw Refusal.InvalidArgument($"A probe group name has 1 to {MaxGroupLength} characters.");
        }

        return "probe:" + group;
    }
}

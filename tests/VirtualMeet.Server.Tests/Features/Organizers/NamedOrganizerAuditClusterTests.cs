using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Organizers;

/// <summary>Two nodes on one Redis write one audit log per event.</summary>
public sealed class NamedOrganizerAuditClusterTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>
{
    [Fact]
    public async Task ModerationOnTwoNodesLandsInOneLogUnderEachOrganizersId()
    {
        var stage = await StageTestClient.WithNewEventAsync(cluster.A);
        using var onA = cluster.A.CreateClient();
        using var onB = cluster.B.CreateClient();
        var (olgaId, olga) = await onA.TeamMemberAsync(stage.EventId, TeamRoles.Owner, "Olga Owner");
        var (moId, mo) = await onB.TeamMemberAsync(stage.EventId, TeamRoles.Moderator, "Mo Moderator");
        await using var attendee = await stage.JoinAsync(stage.AttendeeToken("ada"));
        var line = await attendee.Connection.SendChat("spam");

        await using var moOnB = await stage.On(cluster.B).JoinAsync(mo);
        await moOnB.Connection.Call("DeleteChat", StageTestClient.MainStage, line.Id);
        await using var olgaOnA = await cluster.A.ConnectAsync(HubRoutes.Breakouts, olga);
        await olgaOnA.InvokeAsync("CloseBreakouts", stage.EventId, 600).WaitAsync(TestTimeouts.Default);

        var fromA = (await onA.AuditAsync(stage.EventId, olga)).Entries;
        var fromB = (await onB.AuditAsync(stage.EventId, olga)).Entries;

        Assert.Equal(fromA, fromB);
        Assert.Equal(Enumerable.Range(1, fromA.Count).Select(n => (long)n), fromA.Select(e => e.Sequence));
        Assert.Equal(
            [("admin", "team.assign", olgaId), ("admin", "team.assign", moId), (moId, "chat.delete", $"stage:keynote/{line.Id}"), (olgaId, "breakouts.close", stage.EventId)],
            fromA.Select(e => (e.ActorId, e.Action, e.Target)));
    }
}

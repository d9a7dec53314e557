using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Ids;

/// <summary>
/// Every hub refuses an id argument of the wrong shape with <c>invalid_argument</c> before the method runs; a valid id
/// that names nothing is answered as before. (The notifications hub takes no ids.)
/// </summary>
public sealed class IdArgumentsHubFilterTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private static readonly string[] BadIds = ["*", "a*", "{x}", "a:b", "A", ""];

    [Fact]
    public async Task TheStageRefusesMalformedIds()
    {
        var stage = await StageTestClient.WithNewEventAsync(fixture.Node);
        await using var attendee = await stage.ConnectAsync(stage.AttendeeToken("ada"));
        await using var host = await stage.ConnectAsync(stage.HostToken());
        await stage.JoinAsync(stage.HostToken());

        foreach (var bad in BadIds)
        {
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => attendee.InvokeAsync<StageState>("JoinStage", bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => attendee.InvokeAsync("SendChat", bad, "hello"));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => attendee.InvokeAsync("UpvoteQuestion", StageTestClient.MainStage, bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.InvokeAsync("MuteChat", StageTestClient.MainStage, bad, 5));
        }

        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => attendee.InvokeAsync<StageState>("JoinStage", "no-such-session"));
    }

    [Fact]
    public async Task PollsRefuseMalformedIds()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        await using var voter = await polls.ConnectAsync(polls.AttendeeToken("ada"));

        foreach (var bad in BadIds)
        {
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => voter.InvokeAsync<PollWatchSnapshot>("Watch", bad, null));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => voter.InvokeAsync<PollWatchSnapshot>("Watch", polls.EventId, bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => voter.InvokeAsync<VoteReceipt>("Vote", bad, new Ballot([0])));
        }

        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => voter.InvokeAsync<VoteReceipt>("Vote", "no-such-poll", new Ballot([0])));
    }

    [Fact]
    public async Task BreakoutsRefuseMalformedIds()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var host = await world.ConnectAsync(world.Moderator("host"));

        foreach (var bad in BadIds)
        {
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => anna.JoinAsync(bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => anna.InvokeAsync("Signal", world.RoomA, bad, JsonDocument.Parse("{}").RootElement));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.InvokeAsync("Announce", bad, "Noch fünf Minuten"));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.InvokeAsync("MoveParticipant", "anna", bad));
        }

        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => anna.JoinAsync("no-such-room"));
    }

    [Fact]
    public async Task TheBarsRefuseMalformedIds()
    {
        var bars = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var ada = await bars.ConnectAsync("ada");

        foreach (var bad in BadIds)
        {
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.EnterAsync(bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.FindAsync(bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.JoinAsync(bad, "t1"));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.JoinAsync("bar", bad));
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.SignalAsync(bad, new { }));
        }

        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => ada.JoinAsync("no-such-bar", "t1"));
    }
}

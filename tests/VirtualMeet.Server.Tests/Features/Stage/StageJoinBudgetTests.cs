using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.StageTestClient;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>Joining the stage reads up to thousands of questions, so an attendee's joins are budgeted (rule <c>stage-joins</c>).</summary>
public sealed class StageJoinBudgetTests(InMemoryNodeWithSmallBudgets fixture) : IClassFixture<InMemoryNodeWithSmallBudgets>
{
    [Fact]
    public async Task AJoinBeyondTheBudgetIsRefusedWithARetryHintAndJoinsNothing()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        var anna = stage.AttendeeToken("anna");
        var within = new List<StageWatcher>();
        for (var i = 0; i < InMemoryNodeWithSmallBudgets.StageJoins; i++)
            within.Add(await stage.JoinAsync(anna));
        await using var refused = new StageWatcher(await stage.ConnectAsync(anna));
        await using var host = await stage.JoinAsync(stage.HostToken());
        try
        {
            var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => refused.Connection.Call<StageState>("JoinStage", MainStage));

            Assert.Contains("Retry after", detail, StringComparison.Ordinal);
            Assert.All(within, w => Assert.Equal(StageStatus.Scheduled, w.State.Stage.Status));
            await host.Connection.Call<StageView>("SetStage", MainStage, new StageUpdate(Status: StageStatus.Live));
            await Eventually.UntilAsync(() => Task.FromResult(within[0].Stages.Count), c => c == 1, because: "a joined viewer hears the change");
            // A round trip on the refused connection after the push: had it joined the audience, the push would be there.
            await refused.Connection.Call("React", MainStage, "applause");
            Assert.Empty(refused.Stages);
        }
        finally
        {
            foreach (var watcher in within)
                await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnotherAttendeesJoinsAreTheirOwnBudget()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        var ben = stage.AttendeeToken("ben");
        await using var first = await stage.JoinAsync(ben);
        await using var second = await stage.JoinAsync(ben);
        await using var refused = await stage.ConnectAsync(ben);
        await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => refused.Call<StageState>("JoinStage", MainStage));

        await using var carla = await stage.JoinAsync(stage.AttendeeToken("carla"));

        Assert.Equal(StageStatus.Scheduled, carla.State.Stage.Status);
    }
}

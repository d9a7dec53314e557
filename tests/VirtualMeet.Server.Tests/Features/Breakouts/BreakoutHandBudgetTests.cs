using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using Budgets = VirtualMeet.Server.Tests.Infrastructure.InMemoryNodeWithSmallBudgets;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>Every raised or lowered hand is pushed to the whole room, so hand changes are budgeted per attendee (rule <c>hands</c>).</summary>
public sealed class BreakoutHandBudgetTests(Budgets fixture) : IClassFixture<Budgets>
{
    [Fact]
    public async Task AHandChangeBeyondTheBudgetIsRefusedAndTheHandStaysAsItWas()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));
        await anna.JoinAsync(world.RoomA);
        await ben.JoinAsync(world.RoomA);
        // The whole budget (Budgets.Hands = 2): up and down again.
        await anna.InvokeAsync("RaiseHand", world.RoomA);
        await anna.InvokeAsync("LowerHand", world.RoomA);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => anna.InvokeAsync("RaiseHand", world.RoomA));

        Assert.Contains("Retry after", detail, StringComparison.Ordinal);
        Assert.Equal(["anna"], (await BreakoutClient.NextAsync(ben.Hands)).RaisedHands);
        Assert.Empty((await BreakoutClient.NextAsync(ben.Hands)).RaisedHands);
        // Ben's own hand is his budget; his change is the next push, so the refused one pushed nothing.
        await ben.InvokeAsync("RaiseHand", world.RoomA);
        var next = await BreakoutClient.NextAsync(ben.Hands);
        Assert.Equal(["ben"], next.RaisedHands);
        Assert.Equal(3, next.Version);
    }
}

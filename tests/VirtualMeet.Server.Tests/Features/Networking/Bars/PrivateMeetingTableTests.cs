using System.Net;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>An accepted meeting whose slot runs has a two-seat table that only its pair sees and may sit at.</summary>
public sealed class PrivateMeetingTableTests(InMemoryNodeWithoutBarGrace fixture) : IClassFixture<InMemoryNodeWithoutBarGrace>
{
    [Fact]
    public async Task TheMeetingTableIsVisibleAndOpenOnlyToThePair()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        foreach (var id in new[] { "anna", "ben", "carl" })
            await MatchmakingRequests.SaveProfileAsync(bar, id);
        var slot = await MatchmakingTestData.RunningSlotAsync(TestContext.Current.CancellationToken);
        var meeting = (await MatchmakingRequests.RequestAsync(bar, "anna", "ben", slot, HttpStatusCode.Created))!;
        await using var anna = await bar.ConnectAsync("anna");
        await using var ben = await bar.ConnectAsync("ben");
        await using var carl = await bar.ConnectAsync("carl");

        // Requested is not enough: the table opens once accepted.
        Assert.DoesNotContain((await anna.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);
        await HubAssert.FailsWithAsync(ErrorCodes.Conflict, () => anna.JoinAsync(BarIds.Meetings, meeting.TableId));
        await MatchmakingRequests.PostAsync(bar, "ben", $"meetings/{meeting.Id}/accept", HttpStatusCode.OK);

        var seen = Assert.Single((await anna.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);
        Assert.True(seen.Private);
        var table = Assert.Single(seen.Tables);
        Assert.Equal((meeting.TableId, 2), (table.TableId, table.Seats));
        Assert.DoesNotContain((await carl.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => carl.JoinAsync(BarIds.Meetings, meeting.TableId));

        await anna.JoinAsync(BarIds.Meetings, meeting.TableId);
        var joined = await ben.JoinAsync(BarIds.Meetings, meeting.TableId);
        Assert.Equal(["anna", "ben"], joined.Table.Occupants.Select(o => o.ParticipantId).Order());
        await ben.SignalAsync("anna", new { type = "offer" });
        Assert.Equal("ben", (await BarListener.NextAsync(anna.Signals)).FromParticipantId);
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => carl.JoinAsync(BarIds.Meetings, meeting.TableId));
        // Pushes of the private table reach the pair only.
        await BarListener.NextMatchingAsync(anna.TableChanges, u => u.BarId == BarIds.Meetings);
        Assert.DoesNotContain(Drain(carl), u => u.BarId == BarIds.Meetings);
    }

    private static List<BarTablesUpdate> Drain(BarListener listener)
    {
        var updates = new List<BarTablesUpdate>();
        while (listener.TableChanges.Reader.TryRead(out var update))
            updates.Add(update);
        return updates;
    }
}

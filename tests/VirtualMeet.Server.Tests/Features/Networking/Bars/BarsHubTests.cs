using System.Text.Json;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>The bars on one in-memory node: seats, one seat per attendee, table chat and signaling, find a table.</summary>
public sealed class BarsHubTests(InMemoryNodeWithoutBarGrace fixture) : IClassFixture<InMemoryNodeWithoutBarGrace>
{
    [Fact]
    public async Task EnterBarsListsEveryTableWithWhoSitsThere()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var alice = await bar.ConnectAsync("alice");
        await using var bob = await bar.ConnectAsync("bob");
        await alice.JoinAsync("theke", "t2");

        var snapshot = await bob.EnterAsync(bar.EventId);

        Assert.Equal(["theke", "lounge"], snapshot.Bars.Select(b => b.Id));
        Assert.Equal(["t1", "t2", "t3"], snapshot.Bars[0].Tables.Select(t => t.TableId));
        var t2 = snapshot.Bars[0].Tables[1];
        Assert.Equal((4, "alice"), (t2.Seats, Assert.Single(t2.Occupants).ParticipantId));
        Assert.Null(snapshot.MyTable);
        Assert.Equal(new TableLocation("theke", "t2"), (await alice.EnterAsync(bar.EventId)).MyTable);
    }

    [Fact]
    public async Task AFullTableRefusesWithRoomFullAndChangesNothing()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var a = await bar.ConnectAsync("a");
        await using var b = await bar.ConnectAsync("b");
        await using var c = await bar.ConnectAsync("c");
        await a.JoinAsync("theke", "t1");
        await b.JoinAsync("theke", "t1");
        await c.JoinAsync("lounge", "l1");

        await HubAssert.FailsWithAsync(ErrorCodes.RoomFull, () => c.JoinAsync("theke", "t1"));

        var snapshot = await c.EnterAsync(bar.EventId);
        Assert.Equal(2, snapshot.Bars[0].Tables[0].Occupants.Count);
        Assert.Equal(new TableLocation("lounge", "l1"), snapshot.MyTable);
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => c.JoinAsync("theke", "t9"));
    }

    [Fact]
    public async Task SittingDownElsewhereLeavesThePreviousTableAndTellsIt()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var mover = await bar.ConnectAsync("mover");
        await using var stayer = await bar.ConnectAsync("stayer");
        await stayer.JoinAsync("theke", "t2");
        await mover.JoinAsync("theke", "t2");

        var joined = await mover.JoinAsync("lounge", "l1");

        var left = await BarListener.NextMatchingAsync(stayer.Left, l => l.ParticipantId == "mover");
        Assert.Equal(("theke", "t2"), (left.BarId, left.TableId));
        Assert.Equal("mover", Assert.Single(joined.Table.Occupants).ParticipantId);
        var t2 = (await stayer.EnterAsync(bar.EventId)).Bars[0].Tables[1];
        Assert.Equal(["stayer"], t2.Occupants.Select(o => o.ParticipantId));
    }

    [Fact]
    public async Task ChatAndSignalsNeverCrossTables()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var a = await bar.ConnectAsync("a");
        await using var b = await bar.ConnectAsync("b");
        await using var c = await bar.ConnectAsync("c");
        await using var d = await bar.ConnectAsync("d");
        await a.JoinAsync("theke", "t2");
        await b.JoinAsync("theke", "t2");
        await c.JoinAsync("theke", "t3");
        await d.JoinAsync("theke", "t3");

        await a.SignalAsync("b", new { type = "offer", sdp = "v=0" });
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => a.SignalAsync("c", new { type = "offer" }));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => a.SignalAsync("b", new { sdp = new string('x', 20_000) }));
        await a.ChatAsync("Hallo Tisch 2");
        await d.SignalAsync("c", new { type = "answer" });
        await d.ChatAsync("Hallo Tisch 3");

        var signal = await BarListener.NextAsync(b.Signals);
        Assert.Equal(("a", "offer"), (signal.FromParticipantId, signal.Payload.GetProperty("type").GetString()));
        // The first signal and line c receives are its own table's: nothing from table 2 arrived before them.
        Assert.Equal("d", (await BarListener.NextAsync(c.Signals)).FromParticipantId);
        Assert.Equal("Hallo Tisch 3", (await BarListener.NextAsync(c.Chat)).Message.Text);
        Assert.Equal("Hallo Tisch 2", (await BarListener.NextAsync(b.Chat)).Message.Text);
        Assert.False(c.Signals.Reader.TryRead(out _));
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, async () =>
        {
            await using var outsider = await bar.ConnectAsync("outsider");
            await outsider.ChatAsync("Hallo?");
        });
    }

    [Fact]
    public async Task FindTableJoinsSomeoneSittingAloneThenSharedInterests()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await bar.RegisterAsync("seeker", "KI", "Robotik");
        await bar.RegisterAsync("robot-fan", "robotik");
        await bar.RegisterAsync("other", "Tourismus");
        await using var pair1 = await bar.ConnectAsync("pair1");
        await using var pair2 = await bar.ConnectAsync("pair2");
        await using var other = await bar.ConnectAsync("other");
        await using var fan = await bar.ConnectAsync("robot-fan");
        await using var seeker = await bar.ConnectAsync("seeker");
        await pair1.JoinAsync("theke", "t2");
        await pair2.JoinAsync("theke", "t2");
        await other.JoinAsync("theke", "t3");
        await fan.JoinAsync("lounge", "l1");

        var found = await seeker.FindAsync(bar.EventId);

        Assert.Equal(("lounge", "l1"), (found.Table.BarId, found.Table.TableId));
        await using var newcomer = await bar.ConnectAsync("newcomer");
        var next = await newcomer.FindAsync(bar.EventId);
        Assert.Equal(("theke", "t3"), (next.Table.BarId, next.Table.TableId));
    }

    [Fact]
    public async Task EveryoneInTheBarsSeesTablesChange()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var watcher = await bar.ConnectAsync("watcher");
        await watcher.EnterAsync(bar.EventId);
        var sitters = new List<BarListener>();
        for (var i = 0; i < 4; i++)
        {
            sitters.Add(await bar.ConnectAsync($"s{i}"));
            await sitters[^1].JoinAsync("theke", "t2");
        }

        var update = await BarListener.NextMatchingAsync(watcher.TableChanges,
            u => u.BarId == "theke" && u.Tables.Any(t => t.TableId == "t2" && t.Occupants.Count == 4));
        Assert.Equal(bar.EventId, update.EventId);
        await sitters[0].LeaveAsync();
        await BarListener.NextMatchingAsync(watcher.TableChanges, u => u.Tables.Any(t => t.TableId == "t2" && t.Occupants.Count == 3));
        foreach (var sitter in sitters)
            await sitter.DisposeAsync();
    }

    [Fact]
    public async Task ADroppedConnectionFreesItsSeatAfterTheGrace()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var stayer = await bar.ConnectAsync("stayer");
        await stayer.JoinAsync("theke", "t1");
        var leaver = await bar.ConnectAsync("leaver");
        await leaver.JoinAsync("theke", "t1");

        await leaver.DisposeAsync();

        await BarListener.NextMatchingAsync(stayer.Left, l => l.ParticipantId == "leaver");
        await using var third = await bar.ConnectAsync("third");
        await third.JoinAsync("theke", "t1");
    }

    /// <summary>A node whose dropped connections give up their seat at once, so the grace test needs no waiting.</summary>
}

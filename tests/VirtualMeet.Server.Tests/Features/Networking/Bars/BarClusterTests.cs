using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>Two nodes on one Redis: seats are taken atomically across nodes, one seat per attendee, signals stay at a table.</summary>
public sealed class BarClusterTests(TwoNodesOnRedisWithFastNodeTimeout cluster) : IClassFixture<TwoNodesOnRedisWithFastNodeTimeout>
{
    [Fact]
    public async Task SeatRacesAcrossTwoNodesNeverExceedTheSeats()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var tables = new[] { ("theke", "t1", 2), ("theke", "t2", 4), ("lounge", "l1", 3) };
        foreach (var (barId, tableId, seats) in tables)
        {
            var racers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? onA : onB).ConnectAsync($"{tableId}-{i}")));

            var outcomes = await Task.WhenAll(racers.Select(async racer =>
            {
                try
                {
                    await racer.JoinAsync(barId, tableId);
                    return "seated";
                }
                catch (HubException e) when (HubErrorMessage.TryParse(e.Message, out var code, out _))
                {
                    return code;
                }
            }));

            Assert.Equal(seats, outcomes.Count(o => o == "seated"));
            Assert.Equal(12 - seats, outcomes.Count(o => o == ErrorCodes.RoomFull));
            var snapshot = await racers[1].EnterAsync(onA.EventId);
            Assert.Equal(seats, snapshot.Bars.Single(b => b.Id == barId).Tables.Single(t => t.TableId == tableId).Occupants.Count);
            await Task.WhenAll(racers.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task OneAttendeeRacingIntoTwoTablesFromTwoNodesEndsAtExactlyOne()
    {
        // Four attendees fit either four-seat table, so no join is refused: every attendee ends up seated, once.
        for (var round = 0; round < 5; round++)
        {
            var onA = await BarTestClient.WithNewEventAsync(cluster.A);
            var onB = onA.On(cluster.B);
            var attendees = Enumerable.Range(0, 4).Select(i => $"twin-{i}").ToList();
            var pairs = await Task.WhenAll(attendees.Select(async id => (A: await onA.ConnectAsync(id), B: await onB.ConnectAsync(id))));

            await Task.WhenAll(pairs.SelectMany(p => new[] { p.A.JoinAsync("theke", "t2"), p.B.JoinAsync("theke", "t3") }));

            var snapshot = await pairs[0].A.EnterAsync(onA.EventId);
            var seated = snapshot.Bars.SelectMany(b => b.Tables).SelectMany(t => t.Occupants.Select(o => o.ParticipantId)).ToList();
            Assert.Equal(attendees, seated.Order());
            foreach (var (a, b) in pairs)
            {
                await a.DisposeAsync();
                await b.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SignalsAndChatCrossNodesOnlyWithinATable()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var sender = await onA.ConnectAsync("sender");
        await using var mate = await onB.ConnectAsync("mate");
        await using var neighbour = await onB.ConnectAsync("neighbour");
        await sender.JoinAsync("lounge", "l1");
        await mate.JoinAsync("lounge", "l1");
        await neighbour.JoinAsync("theke", "t1");

        await sender.SignalAsync("mate", new { type = "candidate" });
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => sender.SignalAsync("neighbour", new { type = "candidate" }));
        await sender.ChatAsync("Moin");

        Assert.Equal("sender", (await BarListener.NextAsync(mate.Signals)).FromParticipantId);
        Assert.Equal("Moin", (await BarListener.NextAsync(mate.Chat)).Message.Text);
        await neighbour.ChatAsync("Ich bin woanders");
        Assert.Equal("Ich bin woanders", (await BarListener.NextAsync(neighbour.Chat)).Message.Text);
        Assert.False(neighbour.Signals.Reader.TryRead(out _));
    }

    [Fact]
    public async Task SeatsOfANodeThatDiesWithoutGoodbyeAreFreedAndAnnounced()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var stayer = await onA.ConnectAsync("stayer");
        await stayer.JoinAsync("lounge", "l1");
        await using var watcher = await onB.ConnectAsync("watcher");
        await watcher.EnterAsync(onA.EventId);
        await using var doomed = await cluster.StartProcessAsync();
        var onDoomed = new List<BarListener>();
        foreach (var id in new[] { "doomed-1", "doomed-2" })
        {
            var listener = new BarListener(id, await TestHubConnection.ConnectAsync(doomed.HubUrl(HubRoutes.Bars), onA.Token(id)));
            await listener.JoinAsync("lounge", "l1");
            onDoomed.Add(listener);
        }

        await HubAssert.FailsWithAsync(ErrorCodes.RoomFull, async () =>
        {
            await using var latecomer = await onB.ConnectAsync("latecomer");
            await latecomer.JoinAsync("lounge", "l1");
        });
        doomed.Crash();

        // The survivors' reapers free the dead node's seats once its heartbeat times out, and say so.
        var gone = new HashSet<string>();
        while (gone.Count < 2)
            gone.Add((await BarListener.NextAsync(stayer.Left)).ParticipantId);
        Assert.Equal(["doomed-1", "doomed-2"], gone.Order());
        await BarListener.NextMatchingAsync(watcher.TableChanges,
            u => u.Tables.Any(t => t.TableId == "l1" && t.Occupants.Select(o => o.ParticipantId).SequenceEqual(["stayer"])));
        await using var newcomer = await onB.ConnectAsync("newcomer");
        await newcomer.JoinAsync("lounge", "l1");
        foreach (var listener in onDoomed)
            await listener.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>Two nodes on one Redis: seats never overbooked, everyone sees the same room, a dead node's seats come free.</summary>
public sealed class BreakoutsClusterTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>
{
    [Fact]
    public async Task AHundredClientsOnTwoNodesRaceForTwentySeats()
    {
        var onA = await BreakoutsTestWorld.CreateAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var clients = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            (i % 2 == 0 ? onA : onB).ConnectAsync(onA.Attendee($"racer-{i}"))));

        var outcomes = await Task.WhenAll(clients.Select(async (client, i) =>
        {
            string? error = null;
            try
            {
                await client.JoinAsync(onA.RoomA);
            }
            catch (HubException refused)
            {
                error = refused.Message;
            }

            return new RaceOutcome($"racer-{i}", client, error);
        }));

        var winners = outcomes.Where(o => o.Error is null).ToList();
        Assert.Equal(20, winners.Count);
        Assert.All(outcomes.Where(o => o.Error is not null), o =>
        {
            Assert.True(HubErrorMessage.TryParse(o.Error, out var code, out _), o.Error);
            Assert.Equal(ErrorCodes.RoomFull, code);
        });
        var seated = winners.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var winner in winners)
            await Eventually.UntilAsync(() => Task.FromResult(winner.Client.Participants), seen => seen.SetEquals(seated), because: "every client converges on the 20 seated");

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task ADeadNodesSeatsComeFreeWithinFifteenSecondsAndOthersSeeThemLeave()
    {
        // Default node timeout and reap interval: the 15 s bound is the product's, not a test setting.
        var world = await BreakoutsTestWorld.CreateAsync(cluster.A);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await host.JoinAsync(world.RoomB);
        await using var doomed = await cluster.StartProcessAsync();
        var onDoomed = new List<BreakoutClient>();
        foreach (var id in new[] { "anna", "ben" })
        {
            var client = new BreakoutClient(await TestHubConnection.ConnectAsync(doomed.HubUrl(HubRoutes.Breakouts), world.Attendee(id)));
            await client.JoinAsync(world.RoomB);
            onDoomed.Add(client);
        }

        await Eventually.UntilAsync(() => Task.FromResult(host.Participants), p => p.SetEquals(["host", "anna", "ben"]));
        doomed.Crash();
        var clock = Stopwatch.StartNew();

        await Eventually.UntilAsync(() => Task.FromResult(host.Participants), p => p.SetEquals(["host"]),
            timeout: TimeSpan.FromSeconds(15), because: "a dead node's seats are reaped within 15 s");
        TestContext.Current.SendDiagnosticMessage($"Seats of the killed node freed {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        await using var late = await world.ConnectAsync(world.Attendee("late"));
        Assert.Equal(["host", "late"], (await late.JoinAsync(world.RoomB)).Participants.Select(p => p.ParticipantId));
        foreach (var client in onDoomed)
            await client.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }

    private sealed record RaceOutcome(string Id, BreakoutClient Client, string? Error);
}

using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.SignalR.Redis.Nodes;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Breakouts;

/// <summary>Two nodes on one Redis: seats never overbooked, everyone sees the same room, a dead node's seats come free.</summary>
public sealed class BreakoutsClusterTests(BreakoutsClusterTests.RedisFixture redis) : IClassFixture<BreakoutsClusterTests.RedisFixture>
{
    [Fact]
    public async Task AHundredClientsOnTwoNodesRaceForTwentySeats()
    {
        await using var a = await VirtualMeetNode.StartWithRedisAsync(redis.Server);
        await using var b = await VirtualMeetNode.StartWithRedisAsync(redis.Server);
        var onA = await BreakoutsTestWorld.CreateAsync(a);
        var onB = onA.On(b);
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
        await using var a = await VirtualMeetNode.StartWithRedisAsync(redis.Server);
        var b = await VirtualMeetNode.StartWithRedisAsync(redis.Server);
        try
        {
            var onA = await BreakoutsTestWorld.CreateAsync(a);
            var onB = onA.On(b);
            await using var host = await onA.ConnectAsync(onA.Moderator("host"));
            await host.JoinAsync(onA.RoomB);
            var doomed = new List<BreakoutClient>();
            foreach (var id in new[] { "anna", "ben" })
            {
                var client = await onB.ConnectAsync(onB.Attendee(id));
                await client.JoinAsync(onA.RoomB);
                doomed.Add(client);
            }

            // Node B stops heartbeating and never disconnects its clients: to the cluster it is dead.
            await b.Services.GetRequiredService<RedisNodeRegistry>().StopAsync(TestContext.Current.CancellationToken);
            var clock = Stopwatch.StartNew();

            var seen = await Eventually.UntilAsync(() => Task.FromResult(host.Participants), p => p.SetEquals(["host"]),
                timeout: TimeSpan.FromSeconds(15), because: "a dead node's seats are reaped within 15 s");
            Assert.Equal(["host"], seen);
            await using var late = await onA.ConnectAsync(onA.Attendee("late"));
            Assert.Equal(["host", "late"], (await late.JoinAsync(onA.RoomB)).Participants.Select(p => p.ParticipantId));
            TestContext.Current.SendDiagnosticMessage($"Seats of the dead node freed after {clock.Elapsed.TotalSeconds:0.0} s");
            foreach (var client in doomed)
                await client.DisposeAsync();
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    private sealed record RaceOutcome(string Id, BreakoutClient Client, string? Error);

    public sealed class RedisFixture : IAsyncLifetime
    {
        public RedisServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Server = await RedisServer.StartAsync();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}

using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>A dropped connection holds its seat for the grace period (here 2 s, reaped every 0.2 s).</summary>
public sealed class BreakoutsGraceTests(BreakoutsGraceTests.ShortGraceNode fixture) : IClassFixture<BreakoutsGraceTests.ShortGraceNode>
{
    [Fact]
    public async Task AReconnectWithinGraceKeepsTheSeat()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await host.JoinAsync(world.RoomB);
        var anna = await world.ConnectAsync(world.Attendee("anna"));
        var before = await anna.JoinAsync(world.RoomB);

        await anna.DisposeAsync();
        await using var again = await world.ConnectAsync(world.Attendee("anna"));
        var after = await again.JoinAsync(world.RoomB);

        // Same version: the seat was never freed and taken again.
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(["host", "anna"], after.Participants.Select(p => p.ParticipantId));
        Assert.False(host.Left.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AfterGraceTheSeatIsGone()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await host.JoinAsync(world.RoomB);
        var anna = await world.ConnectAsync(world.Attendee("anna"));
        var before = await anna.JoinAsync(world.RoomB);

        await anna.DisposeAsync();

        var left = await BreakoutClient.NextAsync(host.Left);
        Assert.Equal(("anna", before.Version + 1), (left.ParticipantId, left.Version));
        Assert.Equal(["host"], (await host.JoinAsync(world.RoomB)).Participants.Select(p => p.ParticipantId));
    }

    public sealed class ShortGraceNode : InMemoryNode
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Breakouts:GraceSeconds"] = "2",
            ["Presence:ReapInterval"] = "00:00:00.200",
        };
    }
}

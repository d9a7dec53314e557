using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>The external video link reaches the people already in the room, not only those who join later.</summary>
public sealed class BreakoutsVideoLinkTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    [Fact]
    public async Task SettingAndRemovingTheLinkIsPushedToTheRoomOnly()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));
        var annaSees = Listen(anna);
        var benSees = Listen(ben);
        await anna.JoinAsync(world.RoomA);
        await ben.JoinAsync(world.RoomB);

        await host.InvokeAsync("SetVideoLink", world.RoomA, "https://jitsi.example/room-a");
        Assert.Equal(new VideoLinkChanged(world.RoomA, "https://jitsi.example/room-a"), await annaSees.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));

        await host.InvokeAsync("SetVideoLink", world.RoomA, "");
        Assert.Equal(new VideoLinkChanged(world.RoomA, null), await annaSees.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));

        // Room B's link is pushed to room B; that it is the first push Ben gets shows room A's never reached him.
        await host.InvokeAsync("SetVideoLink", world.RoomB, "https://bbb.example/room-b");
        Assert.Equal(new VideoLinkChanged(world.RoomB, "https://bbb.example/room-b"), await benSees.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task ARefusedLinkIsNotPushed()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        var annaSees = Listen(anna);
        await anna.JoinAsync(world.RoomA);

        await HubAssert.FailsWithAsync("invalid_argument", () => host.InvokeAsync("SetVideoLink", world.RoomA, "http://insecure.example/room"));
        await host.InvokeAsync("SetVideoLink", world.RoomA, "https://jitsi.example/ok");

        Assert.Equal("https://jitsi.example/ok", (await annaSees.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default)).VideoUrl);
    }

    private static ChannelReader<VideoLinkChanged> Listen(BreakoutClient client)
    {
        var channel = Channel.CreateUnbounded<VideoLinkChanged>();
        client.Connection.On<VideoLinkChanged>(nameof(IBreakoutsClient.VideoLinkChanged), change => channel.Writer.TryWrite(change));
        return channel.Reader;
    }
}

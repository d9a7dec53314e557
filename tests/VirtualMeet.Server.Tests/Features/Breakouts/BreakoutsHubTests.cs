using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>Breakout rooms on one in-memory node; each test makes its own event.</summary>
public sealed class BreakoutsHubTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JoiningListsTheRoomAndTellsTheOthers()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await host.InvokeAsync("SetVideoLink", world.RoomA, "https://jitsi.example/room-a");
        await host.JoinAsync(world.RoomA);
        await host.InvokeAsync("RaiseHand", world.RoomA);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));

        var state = await anna.JoinAsync(world.RoomA);

        Assert.Equal(world.EventId, state.EventId);
        Assert.Equal(20, state.Capacity);
        Assert.Equal(["host", "anna"], state.Participants.Select(p => p.ParticipantId));
        Assert.Equal(("Hanna Host", "moderator", true), (state.Participants[0].DisplayName, state.Participants[0].Role, state.Participants[0].HandRaised));
        Assert.Equal(["host"], state.RaisedHands);
        Assert.Equal("https://jitsi.example/room-a", state.VideoUrl);
        Assert.Null(state.ClosesAt);
        await Eventually.UntilAsync(() => Task.FromResult(host.Participants), p => p.SetEquals(["host", "anna"]));
    }

    [Fact]
    public async Task ChatAndHandsReachTheRoomInOrder()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));
        await anna.JoinAsync(world.RoomA);
        await ben.JoinAsync(world.RoomA);

        await ben.InvokeAsync("SendChat", world.RoomA, "Hallo zusammen");
        await ben.InvokeAsync("RaiseHand", world.RoomA);
        await anna.InvokeAsync("RaiseHand", world.RoomA);
        await ben.InvokeAsync("LowerHand", world.RoomA);

        Assert.Equal("Hallo zusammen", (await BreakoutClient.NextAsync(anna.Chat)).Message.Text);
        Assert.Equal(["ben"], (await BreakoutClient.NextAsync(anna.Hands)).RaisedHands);
        Assert.Equal(["ben", "anna"], (await BreakoutClient.NextAsync(anna.Hands)).RaisedHands);
        var last = await BreakoutClient.NextAsync(anna.Hands);
        Assert.Equal(["anna"], last.RaisedHands);
        Assert.Equal(3, last.Version);
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ben.InvokeAsync("SendChat", world.RoomA, new string('x', 1001)));
    }

    [Fact]
    public async Task OnlyMembersChatOrRaiseHands()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var outsider = await world.ConnectAsync(world.Attendee("outsider"));

        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => outsider.InvokeAsync("SendChat", world.RoomA, "hi"));
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => outsider.InvokeAsync("RaiseHand", world.RoomA));
    }

    [Fact]
    public async Task SignalsPassOnlyBetweenMembersOfTheSameRoom()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));
        await using var carl = await world.ConnectAsync(world.Attendee("carl"));
        await anna.JoinAsync(world.RoomA);
        await ben.JoinAsync(world.RoomA);
        await carl.JoinAsync(world.RoomB);

        await anna.InvokeAsync("Signal", world.RoomA, "ben", new { type = "offer", sdp = "v=0" });
        var received = await BreakoutClient.NextAsync(ben.Signals);

        Assert.Equal("anna", received.FromParticipantId);
        Assert.Equal("offer", received.Payload.GetProperty("type").GetString());
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => anna.InvokeAsync("Signal", world.RoomA, "carl", "x"));
        await HubAssert.FailsWithAsync(ErrorCodes.NotAMember, () => carl.InvokeAsync("Signal", world.RoomA, "anna", "x"));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => anna.InvokeAsync("Signal", world.RoomA, "ben", new string('x', 17 * 1024)));
        Assert.False(carl.Signals.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ARoomWithRegistrationAdmitsConfirmedRegistrationsOnly()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        var registrations = fixture.Node.Services.GetRequiredService<ISessionRegistrationStore>();
        await registrations.RegisterAsync(world.EventId, world.RegistrationRoom, "anna", 10, Ct);
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));

        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => ben.JoinAsync(world.RegistrationRoom));
        Assert.Equal(["anna"], (await anna.JoinAsync(world.RegistrationRoom)).Participants.Select(p => p.ParticipantId));
    }

    [Fact]
    public async Task JoiningAnotherBreakoutLeavesTheFirst()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await host.JoinAsync(world.RoomA);
        await anna.JoinAsync(world.RoomA);

        await anna.JoinAsync(world.RoomB);

        Assert.Equal("anna", (await BreakoutClient.NextAsync(host.Left)).ParticipantId);
        Assert.Equal(["host"], (await host.JoinAsync(world.RoomA)).Participants.Select(p => p.ParticipantId));
    }

    [Fact]
    public async Task ClosingCountsDownThenSendsEveryoneToTheStage()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await host.JoinAsync(world.RoomA);
        await anna.JoinAsync(world.RoomC);

        await host.InvokeAsync("CloseBreakouts", world.EventId, 1);

        var closing = await BreakoutClient.NextAsync(anna.Closing);
        Assert.Equal(world.EventId, closing.EventId);
        Assert.Equal(world.EventId, (await BreakoutClient.NextAsync(anna.Returned)).EventId);
        Assert.Equal(world.EventId, (await BreakoutClient.NextAsync(host.Returned)).EventId);
        Assert.Null((await anna.JoinAsync(world.RoomC)).ClosesAt);
    }

    [Fact]
    public async Task AnnouncementsReachEveryBreakoutOfTheEvent()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await anna.JoinAsync(world.RoomC);

        await host.InvokeAsync("Announce", world.EventId, "Noch fünf Minuten");

        var announcement = await BreakoutClient.NextAsync(anna.Announcements);
        Assert.Equal(("Noch fünf Minuten", "Hanna Host"), (announcement.Text, announcement.FromName));
    }

    [Fact]
    public async Task AMovedParticipantLosesTheSeatAndIsToldWhereToGo()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await host.JoinAsync(world.RoomA);
        await anna.JoinAsync(world.RoomA);

        await host.InvokeAsync("MoveParticipant", "anna", world.RoomB);

        Assert.Equal(new Moved(world.RoomA, world.RoomB), await BreakoutClient.NextAsync(anna.Moves));
        Assert.Equal("anna", (await BreakoutClient.NextAsync(host.Left)).ParticipantId);
        Assert.Equal(["anna"], (await anna.JoinAsync(world.RoomB)).Participants.Select(p => p.ParticipantId));
    }

    [Fact]
    public async Task MovingSomeoneIntoARegistrationOnlyBreakoutAdmitsThemThereAndNowhereElse()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var organizer = await world.ConnectAsync(world.Organizer());
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var ben = await world.ConnectAsync(world.Attendee("ben"));
        await anna.JoinAsync(world.RoomA);
        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => ben.JoinAsync(world.RegistrationRoom));

        await organizer.InvokeAsync("MoveParticipant", "anna", world.RegistrationRoom);

        Assert.Equal(new Moved(world.RoomA, world.RegistrationRoom), await BreakoutClient.NextAsync(anna.Moves));
        Assert.Equal(["anna"], (await anna.JoinAsync(world.RegistrationRoom)).Participants.Select(p => p.ParticipantId));
        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => ben.JoinAsync(world.RegistrationRoom));
    }

    [Fact]
    public async Task AMoveIntoAFullBreakoutIsRefusedAndTheParticipantKeepsTheirSeat()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await anna.JoinAsync(world.RoomA);
        var seated = await SeatAsync(world, world.RoomB, 5);

        await HubAssert.FailsWithAsync(ErrorCodes.RoomFull, () => host.InvokeAsync("MoveParticipant", "anna", world.RoomB));

        var roomA = await host.JoinAsync(world.RoomA);
        Assert.Equal(["anna", "host"], roomA.Participants.Select(p => p.ParticipantId).Order());
        await Task.WhenAll(seated.Select(c => c.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task AMovedParticipantsSeatWaitsForThemWhileOthersFindTheRoomFull()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await using var anna = await world.ConnectAsync(world.Attendee("anna"));
        await using var late = await world.ConnectAsync(world.Attendee("late"));
        await anna.JoinAsync(world.RoomA);
        await host.JoinAsync(world.RoomB);
        var seated = await SeatAsync(world, world.RoomB, 3);

        await host.InvokeAsync("MoveParticipant", "anna", world.RoomB);

        Assert.Equal(new Moved(world.RoomA, world.RoomB), await BreakoutClient.NextAsync(anna.Moves));
        await Eventually.UntilAsync(() => Task.FromResult(host.Participants), p => p.Contains("anna"));
        await HubAssert.FailsWithAsync(ErrorCodes.RoomFull, () => late.JoinAsync(world.RoomB));
        var joined = await anna.JoinAsync(world.RoomB);
        Assert.Equal(5, joined.Participants.Count);
        Assert.Contains("anna", joined.Participants.Select(p => p.ParticipantId));
        await Task.WhenAll(seated.Select(c => c.DisposeAsync().AsTask()));
    }

    /// <summary>Fills <paramref name="count"/> seats of the room with attendees of their own.</summary>
    private static async Task<List<BreakoutClient>> SeatAsync(BreakoutsTestWorld world, string room, int count)
    {
        var seated = new List<BreakoutClient>();
        for (var i = 0; i < count; i++)
        {
            seated.Add(await world.ConnectAsync(world.Attendee($"seated-{i}")));
            await seated[i].JoinAsync(room);
        }

        return seated;
    }
}

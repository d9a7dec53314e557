using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>
/// Who may call each moderator method. Event-wide methods (announce, close) take organizers and moderators of the
/// event; session methods (move, remove, video link) take organizers and the moderators the agenda names for the
/// session. A token of another event does not find the session at all.
/// </summary>
public sealed class BreakoutsAuthorizationTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    public enum Caller
    {
        Attendee,
        ModeratorOfAnotherSession,
        ModeratorOfAnotherEvent,
        SessionModerator,
        Organizer,
    }

    public static TheoryData<string, Caller, string?> Matrix()
    {
        const string? Allowed = null;
        var data = new TheoryData<string, Caller, string?>();
        foreach (var method in new[] { "Announce", "CloseBreakouts" })
        {
            data.Add(method, Caller.Attendee, ErrorCodes.Forbidden);
            data.Add(method, Caller.ModeratorOfAnotherSession, Allowed);
            data.Add(method, Caller.ModeratorOfAnotherEvent, ErrorCodes.Forbidden);
            data.Add(method, Caller.SessionModerator, Allowed);
            data.Add(method, Caller.Organizer, Allowed);
        }

        foreach (var method in new[] { "MoveParticipant", "RemoveParticipant", "SetVideoLink" })
        {
            data.Add(method, Caller.Attendee, ErrorCodes.Forbidden);
            data.Add(method, Caller.ModeratorOfAnotherSession, ErrorCodes.Forbidden);
            data.Add(method, Caller.ModeratorOfAnotherEvent, ErrorCodes.NotFound);
            data.Add(method, Caller.SessionModerator, Allowed);
            data.Add(method, Caller.Organizer, Allowed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ModeratorMethodsCheckRoleAndSession(string method, Caller caller, string? expectedError)
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var target = await world.ConnectAsync(world.Attendee("target"));
        await target.JoinAsync(world.RoomA);
        await using var client = await world.ConnectAsync(caller switch
        {
            Caller.Attendee => world.Attendee("someone"),
            Caller.ModeratorOfAnotherSession => world.Moderator("mod-c"),
            Caller.ModeratorOfAnotherEvent => world.Moderator("host", TestEvents.NewId("other")),
            Caller.SessionModerator => world.Moderator("host"),
            _ => world.Organizer(),
        });
        object?[] args = method switch
        {
            "Announce" => [world.EventId, "Bitte zurück"],
            "CloseBreakouts" => [world.EventId, 600],
            "MoveParticipant" => ["target", world.RoomB],
            "RemoveParticipant" => [world.RoomA, "target"],
            _ => [world.RoomA, "https://bbb.example/b/room-a"],
        };

        if (expectedError is null)
        {
            await client.InvokeAsync(method, args);
        }
        else
        {
            await HubAssert.FailsWithAsync(expectedError, () => client.InvokeAsync(method, args));
            // Refused: the target still sits where they sat.
            Assert.Contains("target", (await target.JoinAsync(world.RoomA)).Participants.Select(p => p.ParticipantId));
        }
    }
}

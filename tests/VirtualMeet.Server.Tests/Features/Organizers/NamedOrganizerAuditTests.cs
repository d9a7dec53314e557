using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Organizers;

/// <summary>On a node with a manual clock: moderation by named organizers lands in the event's audit log under their own ids.</summary>
public sealed class NamedOrganizerAuditTests : IAsyncLifetime
{
    // A node per test: the clock only moves forward, and tokens must stay valid for the bearer handler's real clock.
    private readonly ManualClockNode _fixture = new();

    private ManualTimeProvider Time => _fixture.Time;

    private VirtualMeetNode Node => _fixture.Node;

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task TwoNamedOrganizersModerationIsLoggedWithTheirOwnIdsTimesAndWhat()
    {
        var stage = await StageTestClient.WithNewEventAsync(Node);
        using var http = Node.CreateClient();
        var (olgaId, olga) = await http.TeamMemberAsync(stage.EventId, TeamRoles.Owner, "Olga Owner");
        var (moId, mo) = await http.TeamMemberAsync(stage.EventId, TeamRoles.Moderator, "Mo Moderator");
        await using var attendee = await stage.JoinAsync(stage.AttendeeToken("ada"));
        var line = await attendee.Connection.SendChat("spam");

        // Mo deletes the chat line on the stage.
        var deletedAt = Tick();
        await using var moOnStage = await stage.JoinAsync(mo);
        await moOnStage.Connection.Call("DeleteChat", StageTestClient.MainStage, line.Id);

        // Olga creates and opens a poll; Mo closes it.
        var createdAt = Tick();
        using var olgaHttp = Node.CreateClient().WithToken(olga);
        using var created = await olgaHttp.SendAsync(HttpMethod.Post, $"/api/events/{stage.EventId}/polls", olga, PollsTestClient.SingleChoice());
        var poll = (await created.ReadAsync<PollState>()).Poll;
        (await olgaHttp.SendAsync(HttpMethod.Post, $"/api/events/{stage.EventId}/polls/{poll.Id}/open", olga)).Dispose();
        var closedAt = Tick();
        using var closed = await http.SendAsync(HttpMethod.Post, $"/api/events/{stage.EventId}/polls/{poll.Id}/close", mo);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        // Olga closes the breakouts.
        var breakoutsAt = Tick();
        await using var olgaInBreakouts = await Node.ConnectAsync(HubRoutes.Breakouts, olga);
        await olgaInBreakouts.InvokeAsync("CloseBreakouts", stage.EventId, 600).WaitAsync(TestTimeouts.Default);

        var log = (await http.AuditAsync(stage.EventId, olga)).Entries.Where(e => !e.Action.StartsWith("team.", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                (moId, deletedAt, "chat.delete", $"stage:{StageTestClient.MainStage}/{line.Id}"),
                (olgaId, createdAt, "poll.create", poll.Id),
                (olgaId, createdAt, "poll.open", poll.Id),
                (moId, closedAt, "poll.close", poll.Id),
                (olgaId, breakoutsAt, "breakouts.close", stage.EventId),
            ],
            log.Select(e => (e.ActorId, e.At, e.Action, e.Target)));
        Assert.Equal(["Mo Moderator", "Olga Owner", "Olga Owner", "Mo Moderator", "Olga Owner"], log.Select(e => e.ActorName));
    }

    [Fact]
    public async Task AnAttendeeModeratorAppearsByIdOnlyAndTheLogExportsAsCsvAndPages()
    {
        var stage = await StageTestClient.WithNewEventAsync(Node);
        using var http = Node.CreateClient();
        var (_, olga) = await http.TeamMemberAsync(stage.EventId, TeamRoles.Organizer, "Olga Organizer");
        await using var host = await stage.JoinAsync(stage.HostToken());
        await host.Connection.Call<DateTimeOffset>("MuteChat", StageTestClient.MainStage, "ada", 5);
        await host.Connection.Call<DateTimeOffset>("MuteChat", StageTestClient.MainStage, "ada", 0);

        var first = await http.AuditAsync(stage.EventId, olga, "?limit=2");
        var rest = await http.AuditAsync(stage.EventId, olga, $"?after={first.Next}");
        using var csv = await http.SendAsync(HttpMethod.Get, $"/api/events/{stage.EventId}/audit?format=csv", olga);
        var text = await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, first.Entries.Count);
        Assert.Null(rest.Next);
        var mutes = first.Entries.Concat(rest.Entries).Where(e => e.Action == "chat.mute").ToList();
        Assert.All(mutes, e => Assert.Equal((StageTestClient.Host, (string?)null), (e.ActorId, e.ActorName)));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sequence,at,actorId,actorName,action,target,details\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"{StageTestClient.Host}\",\"\",\"chat.mute\",\"stage:keynote/ada\",\"minutes=5\"", text, StringComparison.Ordinal);
        Assert.Contains("\"minutes=0\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Max Moderator", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModeratorOfOneEventModeratesNothingInAnother()
    {
        var stage = await StageTestClient.WithNewEventAsync(Node);
        var other = await StageTestClient.WithNewEventAsync(Node);
        using var http = Node.CreateClient();
        var (_, mo) = await http.TeamMemberAsync(stage.EventId, TeamRoles.Moderator, "Mo Moderator");
        await using var breakouts = await Node.ConnectAsync(HubRoutes.Breakouts, mo);

        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => breakouts.InvokeAsync("CloseBreakouts", other.EventId, 60));

        Assert.Empty((await http.AuditAsync(other.EventId, await http.OrganizerTokenAsync())).Entries);
    }

    /// <summary>Moves the clock on by a minute and returns the new time: each step's entries carry their own time.</summary>
    private DateTimeOffset Tick()
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        return Time.GetUtcNow();
    }
}

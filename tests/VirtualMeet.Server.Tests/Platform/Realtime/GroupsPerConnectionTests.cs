using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Every group join of every hub passes one count: beyond <c>Realtime:MaxGroupsPerConnection</c> a join is refused
/// with <c>rate_limited</c> and changes nothing; leaving a group or disconnecting gives the places back.
/// </summary>
public sealed class GroupsPerConnectionTests(GroupsPerConnectionTests.NodeWithFourGroups fixture)
    : IClassFixture<GroupsPerConnectionTests.NodeWithFourGroups>
{
    private ConnectionGroups Groups => fixture.Node.GetRequiredService<ConnectionGroups>();

    [Fact]
    public async Task AJoinBeyondTheCapIsRefusedAndLeavingOrDisconnectingGivesPlacesBack()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var connection = await polls.ConnectAsync(polls.AttendeeToken("collector"));
        var watcher = new PollWatcher(connection);
        var id = connection.ConnectionId!;
        try
        {
            // The event's scope plus three sessions: four groups.
            foreach (var session in new[] { "keynote", "pitches", "pitch-a" })
                await watcher.WatchAsync(polls.EventId, session);
            Assert.Equal(4, Groups.CountOf(id));

            await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => watcher.WatchAsync(polls.EventId, "pitch-b"));
            Assert.Equal(4, Groups.CountOf(id));
            Assert.DoesNotContain(PollGroups.Scope(polls.EventId, "pitch-b"), Groups.Names());

            // Leaving a group (through the hub context, as services do) gives its place to the next join.
            var hub = fixture.Node.GetRequiredService<IHubContext<PollsHub>>();
            await hub.Groups.RemoveFromGroupAsync(id, PollGroups.Scope(polls.EventId, "keynote"), TestContext.Current.CancellationToken);
            Assert.Equal(3, Groups.CountOf(id));
            await watcher.WatchAsync(polls.EventId, "pitch-b");
            Assert.Equal(4, Groups.CountOf(id));
        }
        finally
        {
            await connection.DisposeAsync();
        }

        await Eventually.UntilAsync(() => Task.FromResult(Groups.Names()), names => !names.Any(n => n.Contains(polls.EventId, StringComparison.Ordinal)),
            because: "a closed connection leaves its groups");
        Assert.Equal(0, Groups.CountOf(id));
    }

    [Fact]
    public async Task ARefusedJoinOfTwoGroupsLeavesNeitherBehind()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var organizer = fixture.Node.GetRequiredService<TokenIssuer>().IssueOrganizer().AccessToken;
        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Polls, organizer);
        await FillAsync(connection, 3);
        Assert.Equal(3, Groups.CountOf(connection.ConnectionId!));

        // One place is left; watching a session needs two (the event's scope and the session's).
        await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => new PollWatcher(connection).WatchAsync(polls.EventId, "keynote"));

        Assert.Equal(3, Groups.CountOf(connection.ConnectionId!));
        Assert.DoesNotContain(Groups.Names(), name => name.Contains(polls.EventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCapHoldsForEveryHubTheDiagnosticsProbeToo()
    {
        var organizer = fixture.Node.GetRequiredService<TokenIssuer>().IssueOrganizer().AccessToken;
        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Diagnostics, organizer);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 4; i++)
            await connection.InvokeAsync("JoinProbeGroup", $"{suffix}-{i}").WaitAsync(TestTimeouts.Default);

        await HubAssert.FailsWithAsync(ErrorCodes.RateLimited,
            () => connection.InvokeAsync("JoinProbeGroup", $"{suffix}-4").WaitAsync(TestTimeouts.Default));
        Assert.Equal(4, Groups.CountOf(connection.ConnectionId!));
    }

    private async Task FillAsync(HubConnection connection, int groups)
    {
        var hub = fixture.Node.GetRequiredService<IHubContext<PollsHub>>();
        for (var i = 0; i < groups; i++)
            await hub.Groups.AddToGroupAsync(connection.ConnectionId!, $"filler-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
    }

    public sealed class NodeWithFourGroups : InMemoryNode
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Realtime:MaxGroupsPerConnection"] = "4",
        };
    }
}

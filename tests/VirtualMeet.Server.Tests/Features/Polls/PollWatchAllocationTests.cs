using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>Watch validates the event and the session before it joins a group or takes from a budget.</summary>
public sealed class PollWatchAllocationTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    [Fact]
    public async Task WatchOfAnUnknownSessionIsRefusedNotFoundAndJoinsNoGroup()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        await using var connection = await polls.ConnectAsync(polls.AttendeeToken("curious"));
        var watcher = new PollWatcher(connection);

        for (var i = 0; i < 5; i++)
            await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => watcher.WatchAsync(polls.EventId, $"made-up-{i}"));

        var groups = fixture.Node.GetRequiredService<ConnectionGroups>();
        Assert.Equal(0, groups.CountOf(connection.ConnectionId!));
        Assert.DoesNotContain(groups.Names(), name => name.Contains(polls.EventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchOfAnUnknownEventByAnOrganizerIsRefusedNotFoundAndJoinsNoGroup()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var madeUp = PollTestData.NewEventId();
        await using var connection = await polls.ConnectAsync(fixture.Node.GetRequiredService<TokenIssuer>().IssueOrganizer().AccessToken);

        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => new PollWatcher(connection).WatchAsync(madeUp, "keynote"));

        Assert.Equal(0, fixture.Node.GetRequiredService<ConnectionGroups>().CountOf(connection.ConnectionId!));
        Assert.DoesNotContain(fixture.Node.GetRequiredService<ConnectionGroups>().Names(), name => name.Contains(madeUp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchesBeyondTheBudgetAreRefusedRateLimitedFailedOnesIncluded()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var limit = new RateLimitOptions().Rules[RateLimitRules.PollWatch].PermitLimit;
        await using var connection = await polls.ConnectAsync(polls.AttendeeToken("restless"));
        var watcher = new PollWatcher(connection);

        for (var i = 0; i < limit - 1; i++)
            await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => watcher.WatchAsync(polls.EventId, "no-session"));
        await watcher.WatchAsync(polls.EventId, "keynote");

        await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => watcher.WatchAsync(polls.EventId, "keynote"));
    }
}

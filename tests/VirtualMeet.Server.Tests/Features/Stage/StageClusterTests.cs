using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.StageTestClient;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>Two nodes on one Redis: exact reaction sums, one upvote per attendee, one viewer count.</summary>
public sealed class StageClusterTests(TwoNodesOnRedisWithFastNodeTimeout cluster) : IClassFixture<TwoNodesOnRedisWithFastNodeTimeout>
{
    private static readonly TimeSpan Wait = TestTimeouts.Default;

    [Fact]
    public async Task FiveHundredReactionsFromClientsOnTwoNodesSumExactlyEverywhereAtABoundedRate()
    {
        const int fans = 50;
        const int perFan = 10;
        var onA = await WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var watcherA = await onA.JoinAsync(onA.AttendeeToken("watcher-a"));
        await using var watcherB = await onB.JoinAsync(onB.AttendeeToken("watcher-b"));
        string[] kinds = ["applause", "heart", "laugh", "idea"];

        await Task.WhenAll(Enumerable.Range(0, fans).Select(async i =>
        {
            var node = i % 2 == 0 ? onA : onB;
            await using var fan = await node.ConnectAsync(node.AttendeeToken($"fan-{i}"));
            // Ten each: within the default budget of 10 per second, so none is refused.
            for (var n = 0; n < perFan; n++)
                await fan.Call("React", MainStage, kinds[(i + n) % kinds.Length]);
        }));

        foreach (var watcher in new[] { watcherA, watcherB })
        {
            await Eventually.UntilAsync(() => Task.FromResult(watcher.ReactionsReceived), n => n >= fans * perFan, Wait);
            Assert.Equal(fans * perFan, watcher.ReactionsReceived);
            var pushes = watcher.Reactions.ToList();
            Assert.Equal(pushes.Count, pushes.Select(p => p.Window).Distinct().Count());
            Assert.Equal(fans * perFan, pushes.MaxBy(p => p.Window)!.Totals.Values.Sum());
            // Coalesced: windows, never one push per reaction.
            Assert.InRange(pushes.Count, 1, fans * perFan / 10);
        }
    }

    [Fact]
    public async Task TheSameAttendeeUpvotingAtOnceOnTwoNodesCountsOnce()
    {
        const int attendees = 30;
        var onA = await WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var asker = await onA.ConnectAsync(onA.AttendeeToken("asker"));
        var question = await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "Twice?");
        var pairs = await Task.WhenAll(Enumerable.Range(0, attendees).Select(async i =>
        {
            var token = onA.AttendeeToken($"twin-{i}");
            return (A: await onA.ConnectAsync(token), B: await onB.ConnectAsync(token));
        }));

        var outcomes = await Task.WhenAll(pairs.SelectMany(p => new[] { p.A, p.B }).Select(async connection =>
        {
            try
            {
                await connection.Call<QuestionReceipt>("UpvoteQuestion", MainStage, question.QuestionId);
                return "counted";
            }
            catch (HubException e) when (HubErrorMessage.TryParse(e.Message, out var code, out _))
            {
                return code;
            }
        }));

        Assert.Equal(attendees, outcomes.Count(o => o == "counted"));
        Assert.Equal(attendees, outcomes.Count(o => o == ErrorCodes.AlreadyVoted));
        await using var viewer = await onB.JoinAsync(onB.AttendeeToken("viewer"));
        Assert.Equal(attendees, Assert.Single(viewer.State.Questions).Votes);
        await Task.WhenAll(pairs.SelectMany(p => new[] { p.A.DisposeAsync().AsTask(), p.B.DisposeAsync().AsTask() }));
    }

    [Fact]
    public async Task TheViewerCountConvergesOnBothNodesAfterJoinsAndLeaves()
    {
        var onA = await WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var watcherA = await onA.JoinAsync(onA.AttendeeToken("watcher-a"));
        await using var watcherB = await onB.JoinAsync(onB.AttendeeToken("watcher-b"));
        var viewers = new List<StageWatcher>();
        for (var i = 0; i < 6; i++)
            viewers.Add(await (i % 2 == 0 ? onA : onB).JoinAsync(onA.AttendeeToken($"viewer-{i}")));
        // One attendee in two tabs on two nodes is one viewer.
        viewers.Add(await onA.JoinAsync(onA.AttendeeToken("two-tabs")));
        viewers.Add(await onB.JoinAsync(onA.AttendeeToken("two-tabs")));

        await ConvergeAsync(9, watcherA, watcherB);

        await viewers[0].Connection.Call("LeaveStage", MainStage);
        await viewers[1].DisposeAsync();
        await viewers[6].DisposeAsync();
        await ConvergeAsync(7, watcherA, watcherB);

        await viewers[7].Connection.Call("LeaveStage", MainStage);
        await ConvergeAsync(6, watcherA, watcherB);
        foreach (var viewer in viewers.Skip(2).Take(4))
            await viewer.DisposeAsync();
    }

    [Fact]
    public async Task ViewersOfANodeThatDiesWithoutGoodbyeDropOutOfTheCount()
    {
        var onA = await WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await using var watcherA = await onA.JoinAsync(onA.AttendeeToken("watcher-a"));
        await using var watcherB = await onB.JoinAsync(onB.AttendeeToken("watcher-b"));
        await using var doomed = await cluster.StartProcessAsync();
        var onDoomed = new List<StageWatcher>();
        for (var i = 0; i < 3; i++)
        {
            var connection = await TestHubConnection.ConnectAsync(doomed.HubUrl(HubRoutes.Stage), onA.AttendeeToken($"doomed-{i}"));
            var watcher = new StageWatcher(connection);
            watcher.State = await connection.Call<StageState>("JoinStage", MainStage);
            onDoomed.Add(watcher);
        }

        await ConvergeAsync(5, watcherA, watcherB);
        doomed.Crash();

        // The survivors' reapers free the dead node's seats once its heartbeat times out; the count follows.
        foreach (var watcher in new[] { watcherA, watcherB })
            await Eventually.UntilAsync(() => Task.FromResult(watcher.ShownViewers), n => n == 2, TestTimeouts.Recovery, "the dead node's viewers drop out");
        foreach (var watcher in onDoomed)
            await watcher.Connection.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }

    private static async Task ConvergeAsync(int expected, params StageWatcher[] watchers)
    {
        foreach (var watcher in watchers)
            await Eventually.UntilAsync(() => Task.FromResult(watcher.ShownViewers), n => n == expected, Wait, $"the viewer count reaches {expected}");
    }
}

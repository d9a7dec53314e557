using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>Two nodes on one Redis: exact counts, one ballot per attendee across nodes, anonymity in the keys.</summary>
public sealed class PollsClusterTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>
{
    [Fact]
    public async Task AThousandVotesOverTwoNodesGiveExactTotalsAndEveryWatcherTheSameFinalResults()
    {
        const int voters = 1000;
        var onA = await PollsTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var watchers = new List<PollWatcher>();
        foreach (var (node, i) in new[] { onA, onA, onB, onB }.Select((n, i) => (n, i)))
        {
            var watcher = new PollWatcher(await node.ConnectAsync(node.AttendeeToken($"watcher-{i}")));
            await watcher.WatchAsync(onA.EventId);
            watchers.Add(watcher);
        }

        var poll = await onA.CreateOpenAsync(PollsTestClient.SingleChoice());
        using var parallel = new SemaphoreSlim(48);
        var receipts = await Task.WhenAll(Enumerable.Range(0, voters).Select(async i =>
        {
            await parallel.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                var node = i % 2 == 0 ? onA : onB;
                await using var connection = await node.ConnectAsync(onA.AttendeeToken($"voter-{i}"));
                return await connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([i % 4])).WaitAsync(TestTimeouts.Default);
            }
            finally
            {
                parallel.Release();
            }
        }));
        await onB.TransitionAsync(poll.Id, "close");

        Assert.Equal(voters, receipts.Select(r => r.Version).Distinct().Count());
        long[] expected = [250, 250, 250, 250];
        var final = await onB.ResultsAsync(poll.Id);
        Assert.Equal(expected, final.Options.Select(o => o.Count));
        Assert.Equal(voters, final.Voters);
        foreach (var watcher in watchers)
        {
            var closed = await watcher.Closed;
            Assert.Equal(expected, closed.Results!.Options.Select(o => o.Count));
            Assert.Equal(final.Version, closed.Results.Version);
            // Coalesced: a handful of pushes per second, never one per vote.
            var pushes = watcher.Results.Where(r => r.PollId == poll.Id).ToList();
            Assert.InRange(pushes.Count, 1, voters / 10);
            Assert.All(pushes, p => Assert.True(p.Version < closed.Version));
        }

        await Task.WhenAll(watchers.Select(w => w.Connection.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task TheSameAttendeeVotingAtOnceOnTwoNodesIsCountedOnce()
    {
        const int attendees = 40;
        var onA = await PollsTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var poll = await onA.CreateOpenAsync(PollsTestClient.SingleChoice());
        var pairs = await Task.WhenAll(Enumerable.Range(0, attendees).Select(async i =>
        {
            var token = onA.AttendeeToken($"twin-{i}");
            return (A: await onA.ConnectAsync(token), B: await onB.ConnectAsync(token));
        }));

        var outcomes = await Task.WhenAll(pairs.SelectMany(p => new[] { p.A, p.B }).Select(async (connection, i) =>
        {
            try
            {
                await connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([i % 2])).WaitAsync(TestTimeouts.Default);
                return "counted";
            }
            catch (HubException e)
            {
                return HubAssert.CodeOf(e.Message);
            }
        }));

        Assert.Equal(attendees, outcomes.Count(o => o == "counted"));
        Assert.Equal(attendees, outcomes.Count(o => o == ErrorCodes.AlreadyVoted));
        var results = await onB.ResultsAsync(poll.Id);
        Assert.Equal(attendees, results.Voters);
        Assert.Equal(attendees, results.Options.Sum(o => o.Count));
        await Task.WhenAll(pairs.SelectMany(p => new[] { p.A.DisposeAsync().AsTask(), p.B.DisposeAsync().AsTask() }));
    }

    [Fact]
    public async Task AnAnonymousPollLeavesNothingInRedisThatLinksAnAttendeeToAChoice()
    {
        var onA = await PollsTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var anonymous = await onA.CreateOpenAsync(PollsTestClient.SingleChoice(anonymous: true));
        var named = await onA.CreateOpenAsync(PollsTestClient.SingleChoice());
        var attendees = Enumerable.Range(0, 6).Select(i => $"secret-voter-{i}").ToList();
        foreach (var (attendee, i) in attendees.Select((a, i) => (a, i)))
        {
            await using var connection = await (i % 2 == 0 ? onA : onB).ConnectAsync(onA.AttendeeToken(attendee));
            await connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, anonymous.Id, new Ballot([i % 3]));
            await connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, named.Id, new Ballot([i % 3]));
        }

        var contents = await KeyContentsAsync(onA.EventId);
        var anonymousKeys = contents.Where(c => c.Key.Contains(anonymous.Id, StringComparison.Ordinal)).ToList();
        var namedKeys = contents.Where(c => c.Key.Contains(named.Id, StringComparison.Ordinal)).ToList();

        // No key names a voter: ballots and the anonymous poll's voted set are kept under pseudonyms. The named poll keeps
        // one ballot per pseudonym (so a second is refused); the anonymous one only that each pseudonym voted.
        Assert.DoesNotContain(contents, k => k.Values.Any(v => attendees.Any(a => v.Contains(a, StringComparison.Ordinal))));
        Assert.Contains(namedKeys, k => k.Values.Count(IsPseudonym) == attendees.Count && k.Values.Any(v => v.Length == 1));
        var voted = Assert.Single(anonymousKeys, k => k.Values.Any(IsPseudonym));
        Assert.Equal(attendees.Count, voted.Values.Count(IsPseudonym));
        Assert.DoesNotContain(voted.Values, v => v.Length == 1);
        Assert.Equal([2L, 2, 2, 0], (await onB.ResultsAsync(anonymous.Id)).Options.Select(o => o.Count));

        static bool IsPseudonym(string value) => value.StartsWith("v:", StringComparison.Ordinal);
    }

    [Fact]
    public async Task APollWithADurationClosesByItselfAndIsAnnouncedOnceOnEveryNode()
    {
        var onA = await PollsTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        var watchers = new List<PollWatcher>();
        foreach (var node in new[] { onA, onB })
        {
            var watcher = new PollWatcher(await node.ConnectAsync(node.AttendeeToken($"clock-watcher-{watchers.Count}")));
            await watcher.WatchAsync(onA.EventId);
            watchers.Add(watcher);
        }

        var poll = await onA.CreateOpenAsync(PollsTestClient.SingleChoice() with { DurationSeconds = 1 });
        var closed = await Task.WhenAll(watchers.Select(w => w.Closed));
        await onB.TransitionAsync(poll.Id, "close");

        Assert.All(closed, c => Assert.Equal(PollStatus.Closed, c.Poll.Status));
        Assert.Equal(closed[0].Version, closed[1].Version);
        Assert.All(watchers, w => Assert.Equal(1, w.ClosedCount));
        await Task.WhenAll(watchers.Select(w => w.Connection.DisposeAsync().AsTask()));
    }

    /// <summary>Every key of the event with every string it holds (values, hash fields, set members).</summary>
    private async Task<List<(string Key, List<string> Values)>> KeyContentsAsync(string eventId)
    {
        var keys = (await cluster.Redis.ExecuteAsync("KEYS", $"*{{{eventId}}}*")).Items!.Select(k => k.Text!).ToList();
        var contents = new List<(string, List<string>)>();
        foreach (var key in keys)
        {
            var type = (await cluster.Redis.ExecuteAsync("TYPE", key)).Text;
            if (type == "none")
            {
                continue; // expired since KEYS listed it (push claims live for milliseconds): it holds nothing now
            }

            var read = type switch
            {
                "string" => await cluster.Redis.ExecuteAsync("GET", key),
                "hash" => await cluster.Redis.ExecuteAsync("HGETALL", key),
                "set" => await cluster.Redis.ExecuteAsync("SMEMBERS", key),
                "zset" => await cluster.Redis.ExecuteAsync("ZRANGE", key, "0", "-1"),
                "list" => await cluster.Redis.ExecuteAsync("LRANGE", key, "0", "-1"),
                _ => throw new InvalidOperationException($"Unexpected type {type} of {key}"),
            };
            contents.Add((key, read.Items is { } items ? items.Select(i => i.Text ?? "").ToList() : [read.Text ?? ""]));
        }

        return contents;
    }
}

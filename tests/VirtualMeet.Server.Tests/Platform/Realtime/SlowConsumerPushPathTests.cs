using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Every feature's hub with an attendee that stops reading, in the hub's real room, joined through the hub's own
/// method: real actions of other attendees then push through that room (chat lines, votes, seat changes,
/// promotions), and the watchers on the stalled reader's node ("near") and on the other node ("far"; the same node
/// when there is one) get every push, or the final coalesced state, while the node cuts the stalled reader off.
/// The actors sit on the near node, so a send that waited for the stalled socket would hold them up.
/// </summary>
public sealed class SlowConsumerPushPathTests(InMemoryNodeWithSmallOutboundBuffers oneNode, TwoNodesOnRedisWithSmallOutboundBuffers pair)
    : IClassFixture<InMemoryNodeWithSmallOutboundBuffers>, IClassFixture<TwoNodesOnRedisWithSmallOutboundBuffers>
{
    public enum PushPath
    {
        Stage,
        Polls,
        Breakouts,
        Bars,
        Notifications,
    }

    private const int ChatLines = 60;
    private const int Rounds = 15;

    public static TheoryData<PushPath, Backplane> Cases() =>
        new(Enum.GetValues<PushPath>().SelectMany(path => new[] { (path, Backplane.InMemory), (path, Backplane.Redis) }));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AStalledReaderDelaysNoPushToTheOthers(PushPath path, Backplane backplane)
    {
        var (near, far) = backplane == Backplane.InMemory ? (oneNode.Node, oneNode.Node) : (pair.A, pair.B);
        var abortedBefore = StalledReaders.AbortedOn(near);

        await using var stalled = await (path switch
        {
            PushPath.Stage => StageAsync(near, far),
            PushPath.Polls => PollsAsync(near, far),
            PushPath.Breakouts => BreakoutsAsync(near, far),
            PushPath.Bars => BarsAsync(near, far),
            _ => NotificationsAsync(near, far),
        });

        await StalledReaders.AssertAbortedAsync(stalled, near, abortedBefore);
    }

    private static async Task<StalledReader> StageAsync(VirtualMeetNode near, VirtualMeetNode far)
    {
        var stage = await StageTestClient.WithNewEventAsync(near);
        await using var nearWatcher = await stage.JoinAsync(stage.AttendeeToken("near"));
        await using var farWatcher = await stage.On(far).JoinAsync(stage.AttendeeToken("far"));
        await using var chatter = await stage.JoinAsync(stage.AttendeeToken("chatter"));
        var stalled = await StalledReaders.JoinAndStallAsync(near, HubRoutes.Stage, stage.AttendeeToken("stalled"), "JoinStage", StageTestClient.MainStage);

        for (var i = 0; i < ChatLines; i++)
            await chatter.Connection.SendChat(Line(i));

        foreach (var watcher in new[] { nearWatcher, farWatcher })
        {
            await Eventually.UntilAsync(() => Task.FromResult(watcher.Chat.Count), count => count >= ChatLines, TestTimeouts.Recovery, "every chat line");
            Assert.Equal(Lines(), watcher.Chat.Select(c => c.Message.Text));
        }

        return stalled;
    }

    private static async Task<StalledReader> PollsAsync(VirtualMeetNode near, VirtualMeetNode far)
    {
        var polls = await PollsTestClient.WithNewEventAsync(near);
        var nearWatcher = new PollWatcher(await polls.ConnectAsync(polls.AttendeeToken("near")));
        var farWatcher = new PollWatcher(await polls.On(far).ConnectAsync(polls.AttendeeToken("far")));
        await using var nearConnection = nearWatcher.Connection;
        await using var farConnection = farWatcher.Connection;
        await nearWatcher.WatchAsync(polls.EventId);
        await farWatcher.WatchAsync(polls.EventId);
        var stalled = await StalledReaders.JoinAndStallAsync(near, HubRoutes.Polls, polls.AttendeeToken("stalled"), PollsHubMethods.Watch, polls.EventId, null);

        // Voters change their minds, each push a new version; every voter ends on its own option.
        var poll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice(allowChange: true));
        var voters = new List<HubConnection>();
        try
        {
            for (var v = 0; v < 3; v++)
                voters.Add(await polls.ConnectAsync(polls.AttendeeToken("voter-" + v.ToString(CultureInfo.InvariantCulture))));
            for (var round = Rounds; round >= 0; round--)
            {
                for (var v = 0; v < voters.Count; v++)
                    await voters[v].InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([(v + round) % 4])).WaitAsync(TestTimeouts.Default);
            }
        }
        finally
        {
            foreach (var voter in voters)
                await voter.DisposeAsync();
        }

        foreach (var watcher in new[] { nearWatcher, farWatcher })
        {
            await Eventually.UntilAsync(
                () => Task.FromResult(watcher.Results.Where(r => r.PollId == poll.Id).MaxBy(r => r.Version)),
                latest => latest is not null && latest.Voters == 3 && Counted(latest).SequenceEqual([(0, 1L), (1, 1L), (2, 1L)]),
                TestTimeouts.Recovery, "the final results");
        }

        return stalled;
    }

    private static async Task<StalledReader> BreakoutsAsync(VirtualMeetNode near, VirtualMeetNode far)
    {
        var world = await BreakoutsTestWorld.CreateAsync(near);
        await using var nearWatcher = await world.ConnectAsync(world.Attendee("near"));
        await using var farWatcher = await world.On(far).ConnectAsync(world.Attendee("far"));
        await using var chatter = await world.ConnectAsync(world.Attendee("chatter"));
        foreach (var member in new[] { nearWatcher, farWatcher, chatter })
            await member.JoinAsync(world.RoomA);
        var stalled = await StalledReaders.JoinAndStallAsync(near, HubRoutes.Breakouts, world.Attendee("stalled"), "JoinBreakout", world.RoomA);

        for (var i = 0; i < ChatLines; i++)
            await chatter.InvokeAsync("SendChat", world.RoomA, Line(i));

        foreach (var watcher in new[] { nearWatcher, farWatcher })
        {
            var received = new List<string?>();
            for (var i = 0; i < ChatLines; i++)
                received.Add((await BreakoutClient.NextAsync(watcher.Chat)).Message.Text);
            Assert.Equal(Lines(), received);
        }

        return stalled;
    }

    private static async Task<StalledReader> BarsAsync(VirtualMeetNode near, VirtualMeetNode far)
    {
        var bar = await BarTestClient.WithNewEventAsync(near);
        await using var nearWatcher = await bar.ConnectAsync("near");
        await using var farWatcher = await bar.On(far).ConnectAsync("far");
        var views = new[] { new TableView(nearWatcher, await nearWatcher.EnterAsync(bar.EventId)), new TableView(farWatcher, await farWatcher.EnterAsync(bar.EventId)) };
        await using var first = await bar.ConnectAsync("mover-1");
        await using var second = await bar.ConnectAsync("mover-2");
        var stalled = await StalledReaders.JoinAndStallAsync(near, HubRoutes.Bars, bar.Token("stalled"), BarsHubMethods.EnterBars, bar.EventId);

        // Each join and leave changes a table; the movers end at t3, leaving t2 empty.
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var mover in new[] { first, second })
            {
                await mover.JoinAsync("theke", "t2");
                await mover.LeaveAsync();
            }
        }

        await first.JoinAsync("theke", "t3");
        await second.JoinAsync("theke", "t3");

        foreach (var view in views)
        {
            await Eventually.UntilAsync(() => Task.FromResult(view.Seated()), seated => seated == "t2: | t3: mover-1 mover-2",
                TestTimeouts.Recovery, "the final tables");
        }

        return stalled;
    }

    private static async Task<StalledReader> NotificationsAsync(VirtualMeetNode near, VirtualMeetNode far)
    {
        // One seat and a waitlist: each cancellation promotes the next in line, who is told on the notifications hub.
        using var http = near.CreateClient();
        var definition = TestEvents.Create(workshopCapacity: 1);
        await http.ImportAsync(definition, await http.OrganizerTokenAsync());
        var path = $"/api/events/{definition.Id}/sessions/workshop/registrations";
        var line = new List<AttendeeRegistrationResponse>();
        for (var i = 0; i < 6; i++)
        {
            line.Add(await http.RegisterAsync(definition.Id));
            (await http.SendAsync(HttpMethod.Post, path, line[^1].AccessToken)).Dispose();
        }

        // line[0] holds the seat, line[1] is the stalled reader (with a second, healthy tab), the rest wait alternately on each node.
        var tabs = new List<(HubConnection Connection, TaskCompletionSource<RegistrationChanged> Promoted)>();
        try
        {
            for (var i = 1; i < line.Count; i++)
                tabs.Add(await ListenAsync(i % 2 == 0 ? near : far, line[i].AccessToken));
            var stalled = await StalledReaders.JoinAndStallAsync(near, HubRoutes.Notifications, line[1].AccessToken, "GetRegistrations");

            for (var i = 0; i < tabs.Count; i++)
            {
                (await http.SendAsync(HttpMethod.Delete, path, line[i].AccessToken)).Dispose();
                var promoted = await tabs[i].Promoted.Task.WaitAsync(TestTimeouts.Default);
                Assert.Equal(new RegistrationChanged(definition.Id, "workshop", SessionRegistrationStatus.Confirmed, null), promoted);
            }

            return stalled;
        }
        finally
        {
            foreach (var tab in tabs)
                await tab.Connection.DisposeAsync();
        }
    }

    private static async Task<(HubConnection, TaskCompletionSource<RegistrationChanged>)> ListenAsync(VirtualMeetNode node, string token)
    {
        var connection = await node.ConnectAsync(HubRoutes.Notifications, token);
        var promoted = new TaskCompletionSource<RegistrationChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RegistrationChanged>(nameof(INotificationsClient.RegistrationChanged), change => promoted.TrySetResult(change));
        return (connection, promoted);
    }

    private static string Line(int i) => "Zeile " + i.ToString("D3", CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Lines() => Enumerable.Range(0, ChatLines).Select(Line);

    private static IEnumerable<(int, long)> Counted(PollResultsView results) =>
        results.Options.Where(o => o.Count > 0).Select(o => (o.Option, o.Count));

    /// <summary>A watcher's view of the bar's tables t2 and t3: the snapshot of EnterBars, then every newer TableChanged.</summary>
    private sealed class TableView(BarListener listener, BarsSnapshot snapshot)
    {
        private readonly Dictionary<string, TableState> _tables = snapshot.Bars.Single(b => b.Id == "theke").Tables.ToDictionary(t => t.TableId);

        public string Seated()
        {
            while (listener.TableChanges.Reader.TryRead(out var update))
            {
                foreach (var table in update.Tables.Where(t => t.BarId == "theke" && t.Version > _tables[t.TableId].Version))
                    _tables[table.TableId] = table;
            }

            return string.Join(" | ", new[] { "t2", "t3" }.Select(id =>
                $"{id}:{string.Concat(_tables[id].Occupants.Select(o => o.ParticipantId).Order(StringComparer.Ordinal).Select(p => " " + p))}"));
        }
    }
}

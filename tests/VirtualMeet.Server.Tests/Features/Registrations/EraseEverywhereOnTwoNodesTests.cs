using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingRequests;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>
/// One attendee everywhere at once, through both nodes on one Redis: on the stage (a chat line, a question, an upvote
/// of someone else's question), in a breakout (a seat, a chat line, a raised hand), at a bar table (a seat, a chat
/// line), in matchmaking (a profile, a pending request, an accepted meeting) and in a poll. Others watch every room.
/// After <c>DELETE .../registrations/me</c> nothing in Redis names them and every watcher's screen lost them.
/// </summary>
public sealed class EraseEverywhereOnTwoNodesTests(TwoNodesOnRedis nodes) : IClassFixture<TwoNodesOnRedis>
{
    private const string Breakout = MatchmakingTestData.Breakout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnErasedAttendeeLeavesNoKeyOrValueInRedisAndVanishesFromEveryWatchersScreen()
    {
        var now = DateTimeOffset.UtcNow;
        var definition = MatchmakingTestData.EventWithBreakout(now);
        Assert.True(await nodes.A.Services.GetRequiredService<IEventStore>().TryAddAsync(definition, Ct));
        var eventId = definition.Id;
        var stageA = new StageTestClient(nodes.A, eventId);
        var stageB = stageA.On(nodes.B);
        var barsA = new BarTestClient(nodes.A, eventId);
        var barsB = barsA.On(nodes.B);

        // The attendee signs up with a name found nowhere else, and is present through both nodes.
        var name = $"Erasable Zed {Guid.NewGuid():N}"[..24];
        using var http = nodes.A.CreateClient();
        var zed = await http.RegisterAsync(eventId, name);
        var zedId = zed.AttendeeId;

        // Stage: a watcher on node B asks; the attendee (on both nodes) chats, asks and upvotes the watcher's question.
        await using var stageWatcher = await stageB.JoinAsync(stageB.AttendeeToken("stage-watcher"));
        await using var zedStageA = await stageA.JoinAsync(zed.AccessToken);
        await using var zedStageB = await stageB.JoinAsync(zed.AccessToken);
        var watcherQuestion = await stageWatcher.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "What comes next?");
        var zedLine = await zedStageA.Connection.SendChat("Hello from Zed");
        var zedQuestion = await zedStageB.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Zed asks something?");
        await zedStageA.Connection.Call<QuestionReceipt>("UpvoteQuestion", StageTestClient.MainStage, watcherQuestion.QuestionId);

        // Breakout: a watcher on node A; the attendee on node B sits, chats and raises a hand.
        await using var breakoutWatcher = new BreakoutClient(await nodes.A.ConnectAsync(HubRoutes.Breakouts, stageA.AttendeeToken("breakout-watcher")));
        await using var zedBreakout = new BreakoutClient(await nodes.B.ConnectAsync(HubRoutes.Breakouts, zed.AccessToken));
        await breakoutWatcher.JoinAsync(Breakout);
        await zedBreakout.JoinAsync(Breakout);
        var zedBreakoutLine = await zedBreakout.Connection.Call<VirtualMeet.Contracts.Chat.ChatMessage>("SendChat", Breakout, "Zed in the breakout");
        await zedBreakout.InvokeAsync("RaiseHand", Breakout);
        await BarListener.NextMatchingAsync(breakoutWatcher.Hands, h => h.RaisedHands.Contains(zedId));

        // Bars: a watcher on node B entered the bars and sits at the attendee's table; the attendee (node A) chats.
        await using var tableWatcher = await barsB.ConnectAsync("table-watcher");
        await tableWatcher.EnterAsync(eventId);
        await tableWatcher.JoinAsync("theke", "t2");
        await using var zedBar = new BarListener(zedId, await nodes.A.ConnectAsync(HubRoutes.Bars, zed.AccessToken));
        await zedBar.JoinAsync("theke", "t2");
        var zedTableLine = await zedBar.ChatAsync("Zed at the table");
        await BarListener.NextMatchingAsync(tableWatcher.Chat, l => l.Message.Id == zedTableLine.Message.Id);

        // Matchmaking: a pending request to one person, an accepted meeting with another, each listening on the bars hub.
        await using var pendingPeer = await barsB.ConnectAsync("pending-peer");
        await using var meetingPeer = await barsA.ConnectAsync("meeting-peer");
        foreach (var attendee in new[] { zedId, "pending-peer", "meeting-peer" })
            await SaveProfileAsync(barsA, attendee, offers: ["KI"], seeks: ["KI"]);
        // Slots well ahead: a request for the next slot could expire (its deadline is the slot's start) before the erasure.
        var pendingSlot = MatchmakingTestData.NextSlot(now, later: 2);
        var pending = (await RequestAsync(barsA, zedId, "pending-peer", pendingSlot, HttpStatusCode.Created))!;
        var accepted = (await RequestAsync(barsB, "meeting-peer", zedId, MatchmakingTestData.NextSlot(now, later: 3), HttpStatusCode.Created))!;
        await PostAsync(barsA, zedId, $"meetings/{accepted.Id}/accept", HttpStatusCode.OK);

        // A poll ballot.
        var polls = new PollsTestClient(nodes.B, eventId);
        var poll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var zedPolls = await nodes.B.ConnectAsync(HubRoutes.Polls, zed.AccessToken);
        await zedPolls.Call<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot(Choices: [1]));

        Assert.NotEmpty((await RedisContents.ReadAllAsync(nodes.Redis)).Containing(zedId, name));

        using var erase = await http.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/registrations/me", zed.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);

        // Every watcher's screen loses the attendee: the pushes that remove them arrive, with timeouts.
        await Eventually.UntilAsync(() => Task.FromResult(stageWatcher.Deleted.Any(d => d.MessageId == zedLine.Id)), done => done, because: "stage chat tombstone");
        await Eventually.UntilAsync(() => Task.FromResult(stageWatcher.Questions.Any(q => q.Id == zedQuestion.QuestionId && q.Text is null)), done => done, because: "question removed");
        await Eventually.UntilAsync(() => Task.FromResult(stageWatcher.ShownViewers), count => count == 1, because: "viewer count without the attendee");
        await BarListener.NextMatchingAsync(breakoutWatcher.Left, l => l.ParticipantId == zedId);
        await BarListener.NextMatchingAsync(breakoutWatcher.Hands, h => !h.RaisedHands.Contains(zedId));
        await BarListener.NextMatchingAsync(breakoutWatcher.ChatDeleted, d => d.MessageId == zedBreakoutLine.Id);
        Assert.DoesNotContain(zedId, breakoutWatcher.Participants);
        await BarListener.NextMatchingAsync(tableWatcher.Left, l => l.ParticipantId == zedId);
        await BarListener.NextMatchingAsync(tableWatcher.ChatDeleted, d => d.MessageId == zedTableLine.Message.Id);
        await BarListener.NextMatchingAsync(tableWatcher.TableChanges, u => u.Tables.Any(t => t.TableId == "t2" && t.Occupants.All(o => o.ParticipantId != zedId)));
        var pendingNotice = await BarListener.NextMatchingAsync(pendingPeer.MeetingsUpdated, m => m.Id == pending.Id);
        var meetingNotice = await BarListener.NextMatchingAsync(meetingPeer.MeetingsUpdated, m => m.Id == accepted.Id && m.Status == MeetingStatus.Cancelled);
        Assert.Equal(MeetingStatus.Cancelled, pendingNotice.Status);
        Assert.DoesNotContain(zedId, new[] { pendingNotice.RequesterId, meetingNotice.InviteeId });

        // Nothing in Redis names the attendee any more, neither a key nor anything stored under one.
        Assert.Empty((await RedisContents.ReadAllAsync(nodes.Redis)).Containing(zedId, name));

        // The upvote stays counted, and the old token casts nothing again: it is revoked, so it connects to no node.
        // The other side's slots are free.
        await Assert.ThrowsAnyAsync<Exception>(() => nodes.B.ConnectAsync(HubRoutes.Stage, zed.AccessToken));
        await using var rejoined = await stageA.JoinAsync(stageA.AttendeeToken("late-watcher"));
        Assert.Equal([(watcherQuestion.QuestionId, 1L)], rejoined.State.Questions.Select(q => (q.Id, q.Votes)));
        Assert.DoesNotContain(rejoined.State.Chat.Messages, m => m.AuthorId == zedId || m.Text is not null && m.Text.Contains("Zed", StringComparison.Ordinal));
        await RequestAsync(barsA, "meeting-peer", "pending-peer", pendingSlot, HttpStatusCode.Created);
    }
}

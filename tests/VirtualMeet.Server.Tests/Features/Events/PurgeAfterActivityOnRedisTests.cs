using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingRequests;

namespace VirtualMeet.Server.Tests.Features.Events;

/// <summary>
/// A purge after activity in every feature, through both nodes: no key of the event is left in Redis, and no key or
/// value outside it (the event list, the presence reaper's list) names the event any more.
/// </summary>
public sealed class PurgeAfterActivityOnRedisTests(TwoNodesOnRedis nodes) : IClassFixture<TwoNodesOnRedis>
{
    private const string Breakout = MatchmakingTestData.Breakout;

    [Fact]
    public async Task APurgeAfterActivityEverywhereLeavesNoKeyOrValueOfTheEvent()
    {
        var now = DateTimeOffset.UtcNow;
        var definition = MatchmakingTestData.EventWithBreakout(now);
        using var http = nodes.A.CreateClient();
        var organizer = await http.OrganizerTokenAsync();
        await http.ImportAsync(definition, organizer);
        var eventId = definition.Id;
        var stage = new StageTestClient(nodes.A, eventId);
        var bars = new BarTestClient(nodes.B, eventId);

        // Registrations with a session seat, the stage (viewers, chat, a question and its upvote, a reaction).
        var ada = await http.RegisterAsync(eventId, "Ada Active");
        (await http.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/sessions/{Breakout}/registrations", ada.AccessToken)).Dispose();
        await using var viewer = await stage.JoinAsync(ada.AccessToken);
        await using var other = await stage.On(nodes.B).JoinAsync(stage.AttendeeToken("bo"));
        await viewer.Connection.SendChat("Hallo");
        var question = await viewer.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Wie weiter?");
        await other.Connection.Call<QuestionReceipt>("UpvoteQuestion", StageTestClient.MainStage, question.QuestionId);
        await other.Connection.Call("React", StageTestClient.MainStage, "heart");
        await Eventually.UntilAsync(() => Task.FromResult(viewer.ReactionsReceived), count => count == 1, because: "the reaction's window pushed");

        // A breakout seat with chat and a hand; a bar seat with chat; matchmaking; a poll ballot.
        await using var member = new BreakoutClient(await nodes.B.ConnectAsync(HubRoutes.Breakouts, ada.AccessToken));
        await member.JoinAsync(Breakout);
        await member.Connection.Call<VirtualMeet.Contracts.Chat.ChatMessage>("SendChat", Breakout, "Werkstatt");
        await member.InvokeAsync("RaiseHand", Breakout);
        await using var guest = await bars.ConnectAsync("guest");
        await guest.EnterAsync(eventId);
        await guest.JoinAsync("theke", "t1");
        await guest.ChatAsync("Prost");
        await BarListener.NextMatchingAsync(guest.TableChanges, u => u.Tables.Any(t => t.Occupants.Count > 0));
        foreach (var attendee in new[] { "guest", "host" })
            await SaveProfileAsync(bars, attendee, offers: ["KI"], seeks: ["KI"]);
        await RequestAsync(bars, "guest", "host", MatchmakingTestData.NextSlot(now), HttpStatusCode.Created);
        var polls = new PollsTestClient(nodes.A, eventId);
        var poll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var voter = await nodes.A.ConnectAsync(HubRoutes.Polls, ada.AccessToken);
        await voter.Call<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot(Choices: [0]));
        Assert.True((await RedisContents.ReadAllAsync(nodes.Redis)).Keys.Count(k => k.Contains("{" + eventId + "}", StringComparison.Ordinal)) > 20);

        using var purge = await http.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}", organizer);
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);

        // Only the event's revocation outlives the purge, until the last token it covers expires: a key holding a time.
        var left = (await RedisContents.ReadAllAsync(nodes.Redis)).Containing(eventId);
        Assert.Equal([$"vm:{{{eventId}}}:revoked: vm:{{{eventId}}}:revoked"], left);
    }
}

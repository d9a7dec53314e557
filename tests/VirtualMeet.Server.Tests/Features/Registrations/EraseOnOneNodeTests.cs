using System.Net;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>The erasure on one in-memory node: the in-memory stores forget the attendee and the rooms are told.</summary>
public sealed class EraseOnOneNodeTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    [Fact]
    public async Task ErasingAnAttendeeRemovesTheirQuestionChatSeatAndHandAndKeepsTheirUpvoteCounted()
    {
        var stage = await StageTestClient.WithNewEventAsync(fixture.Node);
        await stage.RegisterAttendeeAsync("zed");
        var zedToken = stage.AttendeeToken("zed");
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("watcher"));
        await using var zed = await stage.JoinAsync(zedToken);
        var watcherQuestion = await watcher.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Und dann?");
        var zedQuestion = await zed.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Zed fragt?");
        var zedLine = await zed.Connection.SendChat("Zed grüßt");
        await zed.Connection.Call<QuestionReceipt>("UpvoteQuestion", StageTestClient.MainStage, watcherQuestion.QuestionId);

        await using var member = new BreakoutClient(await fixture.Node.ConnectAsync(HubRoutes.Breakouts, stage.AttendeeToken("member")));
        await using var zedInBreakout = new BreakoutClient(await fixture.Node.ConnectAsync(HubRoutes.Breakouts, zedToken));
        await member.JoinAsync(StageTestClient.Breakout);
        await zedInBreakout.JoinAsync(StageTestClient.Breakout);
        var breakoutLine = await zedInBreakout.Connection.Call<ChatMessage>("SendChat", StageTestClient.Breakout, "Zed im Raum");
        await zedInBreakout.InvokeAsync("RaiseHand", StageTestClient.Breakout);

        using var http = stage.Http(zedToken);
        using var erase = await http.SendAsync(HttpMethod.Delete, $"/api/events/{stage.EventId}/registrations/me", zedToken);
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);

        await Eventually.UntilAsync(() => Task.FromResult(watcher.Deleted.Any(d => d.MessageId == zedLine.Id)), done => done, because: "chat tombstone");
        await Eventually.UntilAsync(() => Task.FromResult(watcher.Questions.Any(q => q.Id == zedQuestion.QuestionId && q.Text is null)), done => done, because: "question removed");
        await BarListener.NextMatchingAsync(member.Left, l => l.ParticipantId == "zed");
        await BarListener.NextMatchingAsync(member.Hands, h => !h.RaisedHands.Contains("zed"));
        await BarListener.NextMatchingAsync(member.ChatDeleted, d => d.MessageId == breakoutLine.Id);

        await using var late = await stage.JoinAsync(stage.AttendeeToken("late"));
        Assert.Equal([(watcherQuestion.QuestionId, 1L)], late.State.Questions.Select(q => (q.Id, q.Votes)));
        var tombstone = Assert.Single(late.State.Chat.Messages);
        Assert.Equal((true, null, "", ""), (tombstone.Deleted, tombstone.Text, tombstone.AuthorId, tombstone.AuthorName));
        // The old token is revoked: its connection was closed and it connects no more, so it casts no upvote again.
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(HubRoutes.Stage, zedToken));
        await using var lateMember = new BreakoutClient(await fixture.Node.ConnectAsync(HubRoutes.Breakouts, stage.AttendeeToken("late")));
        var room = await lateMember.JoinAsync(StageTestClient.Breakout);
        Assert.DoesNotContain(room.Participants, p => p.ParticipantId == "zed");
        Assert.Empty(room.RaisedHands);
        Assert.All(room.Chat.Messages, m => Assert.Equal("", m.AuthorId));
    }
}

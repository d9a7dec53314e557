using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.StageTestClient;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>The stage on one node: state and its pushes, Q&amp;A visibility, chat and reaction limits, the export.</summary>
public sealed class StageHubTests(InMemoryNodeWithLongRateWindows fixture) : IClassFixture<InMemoryNodeWithLongRateWindows>
{
    private static readonly TimeSpan Wait = TestTimeouts.Default;

    [Fact]
    public async Task JoiningAnUntouchedStageGivesTheAgendasDefaults()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var viewer = await stage.JoinAsync(stage.AttendeeToken("a", "de"));

        var state = viewer.State;
        Assert.Equal((StageStatus.Scheduled, 0L, "Eröffnung"), (state.Stage.Status, state.Stage.Version, state.Stage.Title));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 7, 0, 0, TimeSpan.Zero), state.Stage.StartsAt);
        Assert.Equal(["applause", "heart", "laugh", "idea"], state.AllowedReactions);
        Assert.Empty(state.Stage.Sources);
        Assert.Null(state.DefaultLanguage);
        Assert.False(state.IsModerator);
        Assert.Equal(1, state.Viewers.Count);
    }

    [Fact]
    public async Task AModeratorsChangeReachesEveryViewerAndTheReplayShowsOnlyOnceEnded()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var viewer = await stage.JoinAsync(stage.AttendeeToken("a", "en"));
        await using var host = await stage.JoinAsync(stage.HostToken());
        Assert.True(host.State.IsModerator);
        StreamSource[] sources = [new("de", "https://stream.example/de.m3u8", "hls"), new("en", "https://stream.example/en.m3u8", "hls")];

        var live = await host.Connection.Call<StageView>("SetStage", MainStage,
            new StageUpdate(StageStatus.Live, sources, "Dr. Erika Muster", null, null, "https://replay.example/1"));
        var ended = await host.Connection.Call<StageView>("SetStage", MainStage, new StageUpdate(Status: StageStatus.Ended));

        Assert.Equal((StageStatus.Live, 1L, null), (live.Status, live.Version, live.ReplayUrl));
        Assert.Equal((2L, "https://replay.example/1", "Dr. Erika Muster"), (ended.Version, ended.ReplayUrl, ended.Speaker));
        await Eventually.UntilAsync(() => Task.FromResult(viewer.Stages.Count), c => c == 2, Wait);
        Assert.Equal([1L, 2L], viewer.Stages.Select(s => s.Version));
        await using var late = await stage.JoinAsync(stage.AttendeeToken("b", "en"));
        Assert.Equal("en", late.State.DefaultLanguage);
        Assert.Equal(ended with { Sources = [] }, late.State.Stage with { Sources = [] });
        Assert.Equal(sources, late.State.Stage.Sources);
    }

    [Fact]
    public async Task BadStageUpdatesAreRefusedAndChangeNothing()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var host = await stage.JoinAsync(stage.HostToken());

        foreach (var update in new[]
        {
            new StageUpdate(Sources: [new StreamSource("de", "javascript:alert(1)")]),
            new StageUpdate(Sources: [new StreamSource("de", "https://a.example"), new StreamSource("de", "https://b.example")]),
            new StageUpdate(ReplayUrl: "not a url"),
            new StageUpdate(Title: new string('x', 201)),
        })
        {
            await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.Connection.Call<StageView>("SetStage", MainStage, update));
        }

        await using var again = await stage.JoinAsync(stage.HostToken());
        Assert.Equal(0, again.State.Stage.Version);
    }

    [Fact]
    public async Task AttendeesSeePendingAndHiddenQuestionsOnlyWhenTheirOwnAndNeverAnAnonymousAsker()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var host = await stage.JoinAsync(stage.HostToken());
        await host.Connection.Call<StageView>("SetStage", MainStage, new StageUpdate(PreModeration: true));
        await using var asker = await stage.JoinAsync(stage.AttendeeToken("asker"));
        await using var other = await stage.JoinAsync(stage.AttendeeToken("other"));

        var asked = await asker.Connection.Call<QuestionReceipt>("AskAnonymousQuestion", MainStage, "  Who pays for this?  ");

        Assert.Equal(QuestionStatus.Pending, asked.Status);
        var seenByHost = await Eventually.UntilAsync(() => Task.FromResult(host.Questions.ToList()), q => q.Count == 1, Wait);
        Assert.Equal(("asker", "Who pays for this?"), (seenByHost[0].AskerId, seenByHost[0].Text));
        await using (var rejoined = await stage.JoinAsync(stage.AttendeeToken("asker")))
            Assert.Equal(asked.QuestionId, Assert.Single(rejoined.State.Questions).Id);
        await using (var otherRejoined = await stage.JoinAsync(stage.AttendeeToken("other")))
            Assert.Empty(otherRejoined.State.Questions);
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => other.Connection.Call<QuestionReceipt>("UpvoteQuestion", MainStage, asked.QuestionId));

        await host.Connection.Call<QuestionView>("ModerateQuestion", MainStage, asked.QuestionId, QuestionAction.Approve);
        var approved = await Eventually.UntilAsync(() => Task.FromResult(other.Questions.ToList()), q => q.Count == 1, Wait);
        Assert.Equal((QuestionStatus.Approved, true, null, null, "Who pays for this?"),
            (approved[0].Status, approved[0].Anonymous, approved[0].AskerId, approved[0].AskerName, approved[0].Text));
        await using (var joinedLater = await stage.JoinAsync(stage.AttendeeToken("third")))
            Assert.Null(Assert.Single(joinedLater.State.Questions).AskerName);

        await host.Connection.Call<QuestionView>("ModerateQuestion", MainStage, asked.QuestionId, QuestionAction.Hide);
        var hidden = await Eventually.UntilAsync(() => Task.FromResult(other.Questions.ToList()), q => q.Count == 2, Wait);
        Assert.Equal((QuestionStatus.Hidden, null), (hidden[1].Status, hidden[1].Text));
        await using (var afterHide = await stage.JoinAsync(stage.AttendeeToken("fourth")))
            Assert.Empty(afterHide.State.Questions);
    }

    [Fact]
    public async Task UpvotesCountOncePerAttendeeAndRankQuestions()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await stage.RegisterAttendeeAsync("asker");
        await using var asker = await stage.ConnectAsync(stage.AttendeeToken("asker"));
        var first = await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "First?");
        var second = await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "Second?");
        await using var voter = await stage.ConnectAsync(stage.AttendeeToken("voter"));
        await using var voter2 = await stage.ConnectAsync(stage.AttendeeToken("voter2"));

        Assert.Equal(1, (await voter.Call<QuestionReceipt>("UpvoteQuestion", MainStage, second.QuestionId)).Votes);
        await HubAssert.FailsWithAsync(ErrorCodes.AlreadyVoted, () => voter.Call<QuestionReceipt>("UpvoteQuestion", MainStage, second.QuestionId));
        Assert.Equal(2, (await voter2.Call<QuestionReceipt>("UpvoteQuestion", MainStage, second.QuestionId)).Votes);

        await using var viewer = await stage.JoinAsync(stage.AttendeeToken("viewer"));
        Assert.Equal([second.QuestionId, first.QuestionId], viewer.State.Questions.Select(q => q.Id));
        Assert.Equal("Name asker", viewer.State.Questions[0].AskerName);
    }

    [Fact]
    public async Task ChatBeyondTheLimitIsRateLimitedAndEveryAcceptedLineIsDeliveredAndKept()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("watcher"));
        await using var talker = await stage.ConnectAsync(stage.AttendeeToken("talker"));

        var accepted = new List<string>();
        for (var i = 0; i < 5; i++)
            accepted.Add((await talker.SendChat($"line {i}")).Id);
        var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => talker.SendChat("one too many"));

        Assert.Contains("Retry after", detail, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => Task.FromResult(watcher.Chat.Count), c => c == 5, Wait);
        Assert.Equal(accepted, watcher.Chat.Select(c => c.Message.Id));
        await using var late = await stage.JoinAsync(stage.AttendeeToken("late"));
        Assert.Equal(accepted, late.State.Chat.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task AModeratorDeletesALineForEveryoneAndMutesItsAuthor()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("watcher"));
        await using var host = await stage.JoinAsync(stage.HostToken());
        await using var troll = await stage.ConnectAsync(stage.AttendeeToken("troll"));
        var line = await troll.SendChat("rude");

        await host.Connection.Call("DeleteChat", MainStage, line.Id);
        await host.Connection.Call<DateTimeOffset>("MuteChat", MainStage, "troll", 10);

        var deleted = await Eventually.UntilAsync(() => Task.FromResult(watcher.Deleted.ToList()), d => d.Count == 1, Wait);
        Assert.Equal((line.Id, 2L), (deleted[0].MessageId, deleted[0].Version));
        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => troll.SendChat("let me"));
        await using var late = await stage.JoinAsync(stage.AttendeeToken("late"));
        var tombstone = Assert.Single(late.State.Chat.Messages);
        Assert.True(tombstone.Deleted);
        Assert.Null(tombstone.Text);
    }

    [Fact]
    public async Task ReactionsOutsideTheSetAreRefusedAndBeyondTheLimitRateLimitedWhileEveryAcceptedOneIsCounted()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("watcher"));
        await using var fan = await stage.ConnectAsync(stage.AttendeeToken("fan"));

        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => fan.Call("React", MainStage, "boo"));
        for (var i = 0; i < 10; i++)
            await fan.Call("React", MainStage, i % 2 == 0 ? "applause" : "Heart");
        await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => fan.Call("React", MainStage, "applause"));

        await Eventually.UntilAsync(() => Task.FromResult(watcher.ReactionsReceived), n => n == 10, Wait);
        var last = watcher.Reactions.MaxBy(r => r.Window)!;
        Assert.Equal(new Dictionary<string, long> { ["applause"] = 5, ["heart"] = 5 }, last.Totals);
    }

    [Fact]
    public async Task TheSessionsModeratorExportsQuestionsAsJsonAndCsvWithAnonymousAskersMasked()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await stage.RegisterAttendeeAsync("asker");
        await using var asker = await stage.ConnectAsync(stage.AttendeeToken("asker"));
        await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "=Named?");
        await asker.Call<QuestionReceipt>("AskAnonymousQuestion", MainStage, "Secret?");
        var path = $"/api/events/{stage.EventId}/sessions/{MainStage}/questions";
        using var http = stage.Node.CreateClient();

        using var asAttendee = new HttpRequestMessage(HttpMethod.Get, path);
        asAttendee.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stage.AttendeeToken("asker"));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asAttendee, TestContext.Current.CancellationToken)).StatusCode);

        using var json = new HttpRequestMessage(HttpMethod.Get, path);
        json.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stage.HostToken());
        var list = await (await http.SendAsync(json, TestContext.Current.CancellationToken)).Content
            .ReadFromJsonAsync<List<QuestionView>>(TestContext.Current.CancellationToken);
        Assert.Equal(["Name asker", null], list!.Select(q => q.AskerName));

        using var csv = new HttpRequestMessage(HttpMethod.Get, path);
        csv.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stage.OrganizerToken());
        csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var text = await (await http.SendAsync(csv, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var lines = text.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("\"Name asker\",\"'=Named?\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("\"\",\"Secret?\"", lines[2], StringComparison.Ordinal);
    }
}

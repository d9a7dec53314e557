using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Text;

/// <summary>
/// Every kind of text one person types and others see goes through the one rule: names, chat lines in every room,
/// questions, announcements, poll texts and profile tags refuse bidi controls, separators and invisible characters,
/// and are kept in NFC; emoji built with a zero width joiner pass.
/// </summary>
public sealed class UserTextInputsTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private const string Decomposed = "Rene\u0301";
    private const string Composed = "Ren\u00E9";
    private const string Coder = "👩\u200D💻";

    public static TheoryData<string> Hostile => ["Ada \u202Eevil", "Ada\u2028Bob: hi", "Ad\u200Ba"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task DisplayNamesRefuseHostileText(string name)
    {
        using var http = fixture.CreateClient();
        var eventId = await ImportAsync(http);

        using var response = await http.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/registrations", null, new AttendeeRegistrationRequest(name));

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("displayName", errors.Keys);
    }

    [Fact]
    public async Task DisplayNamesAreStoredComposedAndKeepEmoji()
    {
        using var http = fixture.CreateClient();
        var eventId = await ImportAsync(http);

        var rene = await http.RegisterAsync(eventId, Decomposed + " " + Coder);

        using var me = await http.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", rene.AccessToken);
        Assert.Equal(Composed + " " + Coder, (await me.ReadAsync<AttendeeProfile>()).DisplayName);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task StageChatAndQuestionsRefuseHostileText(string text)
    {
        var stage = await StageTestClient.WithNewEventAsync(fixture.Node);
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("ada"));

        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => watcher.Connection.SendChat(text));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => watcher.Connection.InvokeAsync<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, text));
    }

    [Fact]
    public async Task StageChatIsStoredComposedAndQuestionsKeepEmoji()
    {
        var stage = await StageTestClient.WithNewEventAsync(fixture.Node);
        await using var watcher = await stage.JoinAsync(stage.AttendeeToken("ada"));

        var line = await watcher.Connection.SendChat(Decomposed + " " + Coder);
        var receipt = await watcher.Connection.InvokeAsync<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Wie geht's " + Coder + "?")
            .WaitAsync(TestTimeouts.Default);

        Assert.Equal(Composed + " " + Coder, line.Text);
        Assert.NotEmpty(receipt.QuestionId);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task BarChatRefusesHostileText(string text)
    {
        var bars = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var ada = await bars.ConnectAsync("ada");
        await ada.JoinAsync("theke", "t1");

        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => ada.ChatAsync(text));
        Assert.Equal(Composed + " " + Coder, (await ada.ChatAsync(Decomposed + " " + Coder)).Message.Text);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task BreakoutChatAndAnnouncementsRefuseHostileText(string text)
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));
        await host.JoinAsync(world.RoomA);

        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<ChatMessage>("SendChat", world.RoomA, text));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Announcement>("Announce", world.EventId, text));
    }

    [Fact]
    public async Task AnnouncementsAreSentComposedAndKeepEmoji()
    {
        var world = await BreakoutsTestWorld.CreateAsync(fixture.Node);
        await using var host = await world.ConnectAsync(world.Moderator("host"));

        var announcement = await host.Connection.InvokeAsync<Announcement>("Announce", world.EventId, Decomposed + " " + Coder)
            .WaitAsync(TestTimeouts.Default);

        Assert.Equal(Composed + " " + Coder, announcement.Text);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task PollTextsRefuseHostileText(string text)
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        using var http = polls.Http(polls.ModeratorToken());

        using var question = await http.PostAsJsonAsync(
            $"/api/events/{polls.EventId}/polls", PollsTestClient.SingleChoice() with { Question = new PollText(En: text) }, TestContext.Current.CancellationToken);
        using var option = await http.PostAsJsonAsync(
            $"/api/events/{polls.EventId}/polls",
            PollsTestClient.SingleChoice() with { Options = [new PollText(En: "Yes"), new PollText(De: text)] },
            TestContext.Current.CancellationToken);

        await question.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await option.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task PollTextsAreStoredComposedAndKeepEmoji()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);

        var poll = await polls.CreateAsync(PollsTestClient.SingleChoice() with { Question = new PollText(En: Decomposed + " " + Coder + "?") });

        Assert.Equal(Composed + " " + Coder + "?", poll.Question.En);
    }

    [Theory]
    [InlineData("Ada \u202Eevil")]
    [InlineData("Ad\u200Ba")]
    public async Task ProfileTagsRefuseHostileText(string text)
    {
        var bars = await BarTestClient.WithNewEventAsync(fixture.Node);
        using var http = bars.Http(bars.Token("ada"));

        using var response = await http.PutAsJsonAsync(
            $"/api/events/{bars.EventId}/matchmaking/profile", new MatchmakingProfileRequest(["Innovation"], [text], null), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task ProfileTagsCollapseLineSeparatorsLikeAnyWhitespace()
    {
        var bars = await BarTestClient.WithNewEventAsync(fixture.Node);
        using var http = bars.Http(bars.Token("ada"));

        using var response = await http.PutAsJsonAsync(
            $"/api/events/{bars.EventId}/matchmaking/profile", new MatchmakingProfileRequest(["Innovation"], ["Ada\u2028Bob"], null), TestContext.Current.CancellationToken);

        Assert.Equal(["Ada Bob"], (await response.ReadAsync<MatchmakingProfileView>()).Offers);
    }

    [Fact]
    public async Task ProfileTagsAreStoredComposedAndKeepEmoji()
    {
        var bars = await BarTestClient.WithNewEventAsync(fixture.Node);
        using var http = bars.Http(bars.Token("ada"));

        using var response = await http.PutAsJsonAsync(
            $"/api/events/{bars.EventId}/matchmaking/profile", new MatchmakingProfileRequest(["Innovation"], [Decomposed + " " + Coder], null), TestContext.Current.CancellationToken);

        Assert.Equal([Composed + " " + Coder], (await response.ReadAsync<MatchmakingProfileView>()).Offers);
    }

    private static async Task<string> ImportAsync(HttpClient http)
    {
        var definition = TestEvents.Create();
        await http.ImportAsync(definition, await http.OrganizerTokenAsync());
        return definition.Id;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>REST: management by moderators and organizers, validation, results as JSON and CSV.</summary>
public sealed class PollsApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    [Fact]
    public async Task AttendeesAndForeignModeratorsCannotManagePolls()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var poll = await polls.CreateAsync(PollsTestClient.SingleChoice());
        using var attendee = polls.Http(polls.AttendeeToken("hans"));
        using var foreignModerator = polls.Http(polls.ModeratorToken("another-event"));

        foreach (var http in new[] { attendee, foreignModerator })
        {
            await AssertProblemAsync(await http.PostAsJsonAsync($"/api/events/{polls.EventId}/polls", PollsTestClient.SingleChoice()),
                HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await AssertProblemAsync(await http.PostAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/open", null),
                HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await AssertProblemAsync(await http.PostAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/close", null),
                HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        using var anonymous = fixture.Node.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/events/{polls.EventId}/polls", PollsTestClient.SingleChoice())).StatusCode);
    }

    [Fact]
    public async Task OrganizersManagePollsOfEveryEvent()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        using var organizer = polls.Http(await VirtualMeet.Testing.TestTokens.OrganizerAsync(fixture.Node));

        var created = await organizer.PostAsJsonAsync($"/api/events/{polls.EventId}/polls", PollsTestClient.SingleChoice());
        var poll = (await created.Content.ReadFromJsonAsync<PollState>())!.Poll;
        var opened = await organizer.PostAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/open", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(PollStatus.Draft, poll.Status);
        Assert.Equal(PollStatus.Open, (await opened.Content.ReadFromJsonAsync<PollState>())!.Poll.Status);
    }

    [Fact]
    public async Task InvalidPollsAreRefusedWithTheField()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        using var moderator = polls.Http(polls.ModeratorToken());

        (CreatePollRequest Request, string Field)[] cases =
        [
            (PollsTestClient.SingleChoice(options: 1), "options"),
            (PollsTestClient.SingleChoice(options: 65), "options"),
            (PollsTestClient.SingleChoice() with { Question = new PollText() }, "question"),
            (PollsTestClient.SingleChoice() with { Question = new PollText(En: new string('q', 501)) }, "question"),
            (PollsTestClient.SingleChoice() with { MaxChoices = 2 }, "maxChoices"),
            (PollsTestClient.SingleChoice() with { Kind = PollKind.MultipleChoice, MaxChoices = 5 }, "maxChoices"),
            (PollsTestClient.SingleChoice(anonymous: true, allowChange: true), "allowChange"),
            (PollsTestClient.SingleChoice() with { SessionId = "no-session" }, "sessionId"),
            (new CreatePollRequest(new PollText(En: "Rate"), PollKind.Rating, RatingMin: 5, RatingMax: 5), "ratingMax"),
            (new CreatePollRequest(new PollText(En: "Rate"), PollKind.Rating, RatingMin: 0, RatingMax: 100), "ratingMax"),
            (PollsTestClient.SingleChoice() with { DurationSeconds = 0 }, "durationSeconds"),
        ];
        foreach (var (request, field) in cases)
        {
            using var response = await moderator.PostAsJsonAsync($"/api/events/{polls.EventId}/polls", request);
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        Assert.Empty((await moderator.GetFromJsonAsync<List<PollState>>($"/api/events/{polls.EventId}/polls"))!);
    }

    [Fact]
    public async Task ContractJsonWithAPlainQuestionStringIsAccepted()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        using var moderator = polls.Http(polls.ModeratorToken());

        using var response = await moderator.PostAsync($"/api/events/{polls.EventId}/polls", new StringContent(
            """{ "question": "Die zwei größten Herausforderungen?", "kind": "multiple", "options": ["KI", {"de": "Fachkräfte", "en": "Skilled workers"}, "Energie"], "maxChoices": 2, "anonymous": true, "resultsVisibility": "afterClose" }""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var poll = (await response.Content.ReadFromJsonAsync<PollState>())!.Poll;
        Assert.Equal("Skilled workers", poll.Options[1].En);
        Assert.Equal(ResultsVisibility.AfterClose, poll.ResultsVisibility);
        Assert.True(poll.Anonymous);
    }

    [Fact]
    public async Task LifecycleErrorsAreCoded()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var poll = await polls.CreateAsync(PollsTestClient.SingleChoice());
        using var moderator = polls.Http(polls.ModeratorToken());

        await AssertProblemAsync(await moderator.PostAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/close", null), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await polls.TransitionAsync(poll.Id, "open");
        await polls.TransitionAsync(poll.Id, "close");
        await polls.TransitionAsync(poll.Id, "close");
        await AssertProblemAsync(await moderator.PostAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/open", null), HttpStatusCode.Conflict, ErrorCodes.PollClosed);
        await AssertProblemAsync(await moderator.PostAsync($"/api/events/{polls.EventId}/polls/unknown/open", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task AttendeesSeeNoDraftsAndNoHiddenResults()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        await polls.CreateAsync(PollsTestClient.SingleChoice());
        var hidden = await polls.CreateOpenAsync(PollsTestClient.SingleChoice() with { ResultsVisibility = ResultsVisibility.AfterClose });
        using var attendee = polls.Http(polls.AttendeeToken("ida"));

        var listed = (await attendee.GetFromJsonAsync<List<PollState>>($"/api/events/{polls.EventId}/polls"))!;
        using var results = await attendee.GetAsync($"/api/events/{polls.EventId}/polls/{hidden.Id}/results");

        Assert.Equal(hidden.Id, Assert.Single(listed).Poll.Id);
        Assert.Null(listed[0].Results);
        await AssertProblemAsync(results, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task ResultsComeAsCsvWhenAsked()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var poll = await polls.CreateOpenAsync(PollsTestClient.SingleChoice(options: 2) with
        {
            Options = [new PollText("Ja", "Yes"), new PollText(En: "=1+1, \"quoted\"")],
        });
        await using (var voter = await polls.ConnectAsync(polls.AttendeeToken("jan")))
            await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([1]));
        using var moderator = polls.Http(polls.ModeratorToken());
        moderator.DefaultRequestHeaders.Accept.ParseAdd("text/csv");

        using var response = await moderator.GetAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/results");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("option,text,count\n0,\"Yes\",0\n1,\"'=1+1, \"\"quoted\"\"\",1\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WordCloudResultsListTheTopAnswers()
    {
        var polls = await PollsTestClient.WithNewEventAsync(fixture.Node);
        var poll = await polls.CreateOpenAsync(new CreatePollRequest(new PollText(En: "One word?"), PollKind.Wordcloud));
        string[] answers = ["KI", " ki ", "Energie", "energie", "ENERGIE", "Fachkräfte"];
        for (var i = 0; i < answers.Length; i++)
        {
            await using var voter = await polls.ConnectAsync(polls.AttendeeToken($"word-{i}"));
            await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot(Text: answers[i]));
        }

        using var moderator = polls.Http(polls.ModeratorToken());
        var top2 = (await moderator.GetFromJsonAsync<PollResultsView>($"/api/events/{polls.EventId}/polls/{poll.Id}/results?top=2"))!;
        using var tooMany = await moderator.GetAsync($"/api/events/{polls.EventId}/polls/{poll.Id}/results?top=0");

        Assert.Equal([new WordCount("energie", 3), new WordCount("ki", 2)], top2.Words);
        Assert.Equal(6, top2.Voters);
        await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
            var problem = JsonDocument.Parse(body).RootElement.Clone();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            return problem;
        }
    }
}

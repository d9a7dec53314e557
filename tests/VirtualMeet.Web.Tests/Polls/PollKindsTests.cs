using System.Net.Http.Headers;
using System.Net.Http.Json;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Polls;

/// <summary>Ballots and results beyond single choice: a word cloud with its count list, and a pitch vote's winner.</summary>
public sealed class PollKindsTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string CloudQuestion = "One word for this conference?";
    private const string PitchQuestion = "Which pitch convinced you?";

    [Fact]
    public async Task AWordCloudCountsTheAnswerAndAPitchVoteRevealsItsWinnerOnClose()
    {
        var testEvent = await CreateEventAsync();
        using var organiser = Node.CreateClient();
        organiser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(Node));
        await OpenPollAsync(organiser, testEvent.Id, new { question = CloudQuestion, kind = "wordcloud" });
        var pitch = await OpenPollAsync(organiser, testEvent.Id,
            new { question = PitchQuestion, kind = "pitch", options = new[] { "GreenGrid", "FabLab Nord", "AquaSense" } });
        var anna = await NewAttendeeAsync(testEvent.Id, "Anna Becker");
        await anna.GotoAsync("/#/polls");

        var cloud = Poll(anna, CloudQuestion);
        await cloud.GetByLabel("Your keyword (at most 40 characters)").FillAsync("  Networking ");
        await cloud.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Vote", Exact = true }).ClickAsync();
        await Assertions.Expect(cloud.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["networking: 1"]);

        var pitchPoll = Poll(anna, PitchQuestion);
        await pitchPoll.GetByLabel("FabLab Nord", new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        await pitchPoll.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Vote", Exact = true }).ClickAsync();
        await Assertions.Expect(pitchPoll).ToContainTextAsync("1 participant voted");
        (await organiser.PostAsync($"/api/events/{testEvent.Id}/polls/{pitch}/close", null, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode().Dispose();

        await Assertions.Expect(pitchPoll.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = "winner" }))
            .ToHaveTextAsync("★ The winner is: FabLab Nord");
        // The reveal animates in; the screenshot shows it once it has settled.
        await pitchPoll.Locator(".poll-winner").EvaluateAsync("el => Promise.all(el.getAnimations().map(a => a.finished))");
        await Screenshots.SaveAsync(anna, "polls-word-cloud-and-pitch-winner");
    }

    private static async Task<string> OpenPollAsync(HttpClient client, string eventId, object request)
    {
        using var created = await client.PostAsJsonAsync($"/api/events/{eventId}/polls", request, TestContext.Current.CancellationToken);
        var id = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!.Poll.Id;
        (await client.PostAsync($"/api/events/{eventId}/polls/{id}/open", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Dispose();
        return id;
    }

    private static ILocator Poll(IPage page, string question) =>
        page.GetByRole(AriaRole.Article, new PageGetByRoleOptions { Name = question, Exact = true });

    private sealed record Created(CreatedPoll Poll);

    private sealed record CreatedPoll(string Id);
}

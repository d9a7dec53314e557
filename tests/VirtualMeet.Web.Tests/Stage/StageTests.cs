using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Stage;

/// <summary>The stage page: chat and Q&amp;A between attendees, and what an organiser sets reaching the audience.</summary>
public sealed class StageTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string QuestionText = "How do clusters keep their members engaged online?";

    [Fact]
    public async Task AnAttendeesChatLineAndQuestionReachAnotherWhoUpvotesIt()
    {
        var testEvent = await CreateEventAsync();
        var anna = await OpenStageAsync(testEvent.Id, "Anna Becker");
        var ben = await OpenStageAsync(testEvent.Id, "Ben Kraus");

        await anna.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Hello from Anna!");
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Log)).ToContainTextAsync("Hello from Anna!");

        await anna.GetByLabel("Your question", new PageGetByLabelOptions { Exact = true }).FillAsync(QuestionText);
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ask question", Exact = true }).ClickAsync();
        await Assertions.Expect(Question(ben)).ToContainTextAsync("Anna Becker");

        await Question(ben).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Upvote question: {QuestionText}" }).ClickAsync();

        await Assertions.Expect(Question(ben)).ToContainTextAsync("1 vote");
        await Assertions.Expect(Question(anna)).ToContainTextAsync("1 vote");
        await Screenshots.SaveAsync(anna, "stage-chat-and-questions");
    }

    private async Task<IPage> OpenStageAsync(string eventId, string name)
    {
        var page = await NewAttendeeAsync(eventId, name);
        await page.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Questions", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Question(IPage page) =>
        page.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = QuestionText });
}

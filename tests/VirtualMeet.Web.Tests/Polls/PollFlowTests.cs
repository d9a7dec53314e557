using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Polls;

/// <summary>The poll flow: the organiser console opens a poll, attendees vote and watch the same live results.</summary>
public sealed class PollFlowTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string Question = "Which topic matters most to your cluster?";

    [Fact]
    public async Task AnOrganiserOpensAPollTwoAttendeesVoteAndBothSeeTheSameResultsUntilItCloses()
    {
        var testEvent = await CreateEventAsync();
        var organiser = await NewOrganizerAsync(testEvent.Id);
        var anna = await OpenPollsAsync(testEvent.Id, "Anna Becker");
        var ben = await OpenPollsAsync(testEvent.Id, "Ben Kraus");

        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Polls", Exact = true }).ClickAsync();
        await organiser.GetByLabel("Question (German)", new PageGetByLabelOptions { Exact = true }).FillAsync("Welches Thema ist Ihrem Cluster am wichtigsten?");
        await organiser.GetByLabel("Question (English)", new PageGetByLabelOptions { Exact = true }).FillAsync(Question);
        await organiser.GetByLabel("Options", new PageGetByLabelOptions { Exact = true })
            .FillAsync("Fachkräfte | Skilled workers\nEnergie | Energy\nDigitalisierung | Digitalisation");
        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create and open", Exact = true }).ClickAsync();
        await Assertions.Expect(OrganiserPoll(organiser)).ToContainTextAsync("Open");

        await VoteAsync(anna, "Energy");
        await VoteAsync(ben, "Skilled workers");

        foreach (var page in new[] { anna, ben })
        {
            var poll = Poll(page);
            await Assertions.Expect(poll).ToContainTextAsync("2 participants voted");
            await Assertions.Expect(ResultRow(poll, "Energy")).ToContainTextAsync("1 vote (50 %)");
            await Assertions.Expect(ResultRow(poll, "Skilled workers")).ToContainTextAsync("1 vote (50 %)");
            await Assertions.Expect(ResultRow(poll, "Digitalisation")).ToContainTextAsync("0 votes (0 %)");
        }

        await Assertions.Expect(OrganiserPoll(organiser)).ToContainTextAsync("2 participants voted");
        await Screenshots.SaveAsync(anna, "polls-live-results");
        await Screenshots.SaveAsync(organiser, "organizer-polls");

        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Close: {Question}", Exact = true }).ClickAsync();

        foreach (var page in new[] { anna, ben })
        {
            await Assertions.Expect(Poll(page)).ToContainTextAsync("Closed");
            await Assertions.Expect(Poll(page).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Vote" })).ToHaveCountAsync(0);
            await Assertions.Expect(ResultRow(Poll(page), "Energy")).ToContainTextAsync("1 vote (50 %)");
        }

        await Screenshots.SaveAsync(ben, "polls-closed");
    }

    private async Task<IPage> OpenPollsAsync(string eventId, string name)
    {
        var page = await NewAttendeeAsync(eventId, name);
        await page.GotoAsync("/#/polls");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToHaveTextAsync("Event polls");
        return page;
    }

    private static async Task VoteAsync(IPage page, string option)
    {
        var poll = Poll(page);
        await poll.GetByLabel(option, new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        await poll.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Vote", Exact = true }).ClickAsync();
        await Assertions.Expect(poll).ToContainTextAsync("Thank you, your vote was counted.");
    }

    private static ILocator Poll(IPage page) =>
        page.GetByRole(AriaRole.Article, new PageGetByRoleOptions { Name = Question, Exact = true });

    private static ILocator OrganiserPoll(IPage page) =>
        page.GetByRole(AriaRole.Article, new PageGetByRoleOptions { Name = Question, Exact = true });

    private static ILocator ResultRow(ILocator poll, string option) =>
        poll.GetByRole(AriaRole.Region, new LocatorGetByRoleOptions { Name = "Results" })
            .GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = option });
}

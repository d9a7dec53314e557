using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Matchmaking;

/// <summary>Matchmaking in the browser: profiles, a suggestion, a meeting request seen and answered live.</summary>
public sealed class MeetingRequestTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task ARequestReachesTheInviteeLiveAndTheAcceptanceReachesTheRequester()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId);
        var anna = await OpenWithProfileAsync(testEvent.Id, "Anna Becker", offers: "Funding advice", seeks: "AI partners");
        var ben = await OpenWithProfileAsync(testEvent.Id, "Ben Kraus", offers: "AI partners", seeks: "Funding advice");

        await anna.ReloadAsync();
        var suggestion = anna.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = "Ben Kraus" });
        await Assertions.Expect(suggestion).ToContainTextAsync("Mutual match");
        await anna.GetByLabel("Message (optional)").FillAsync("Shall we talk about funding?");
        await suggestion.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Request a meeting" }).ClickAsync();

        var request = ben.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = "from Anna Becker" });
        await Assertions.Expect(request).ToContainTextAsync("requested");
        await Assertions.Expect(request).ToContainTextAsync("Shall we talk about funding?");
        await Screenshots.SaveAsync(ben, "matchmaking-incoming-request");
        await request.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Accept", Exact = true }).ClickAsync();

        var outgoing = anna.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = "with Ben Kraus" });
        await Assertions.Expect(outgoing).ToContainTextAsync("accepted");
        await Assertions.Expect(outgoing.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Go to the meeting table" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(anna, "matchmaking-accepted");

        // The slot runs now, so the pair's private table is in the bars, for them only.
        await outgoing.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Go to the meeting table" }).ClickAsync();
        var meetingTables = anna.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Your meeting tables" });
        await meetingTables.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sit down", Exact = true }).ClickAsync();
        await Assertions.Expect(meetingTables).ToContainTextAsync("You sit here");
    }

    private async Task<IPage> OpenWithProfileAsync(string eventId, string name, string offers, string seeks)
    {
        var page = await NewAttendeeAsync(eventId, name);
        await page.GotoAsync("/#/matchmaking");
        await page.GetByLabel("I offer").FillAsync(offers);
        await page.GetByLabel("I seek").FillAsync(seeks);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = "Profile saved." })).ToBeVisibleAsync();
        return page;
    }
}

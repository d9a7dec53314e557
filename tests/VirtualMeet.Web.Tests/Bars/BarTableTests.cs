using VirtualMeet.Contracts.Events;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Bars;

/// <summary>The Vernetz-BARs floor plan: sitting down, seeing who sits where, the table chat, full tables.</summary>
public sealed class BarTableTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string FundingBar = "Funding bar";
    private const string Table = "Tisch 1";

    [Fact]
    public async Task TwoAttendeesAtOneTableSeeEachOtherAndTalkInTheTableChat()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId);
        var anna = await OpenBarsAsync(testEvent.Id, "Anna Becker");
        var ben = await OpenBarsAsync(testEvent.Id, "Ben Kraus");

        await SitDownAsync(anna);
        await SitDownAsync(ben);

        foreach (var (page, other) in new[] { (anna, "Ben Kraus"), (ben, "Anna Becker") })
        {
            var table = TableCard(page);
            await Assertions.Expect(table).ToContainTextAsync(other);
            await Assertions.Expect(table).ToContainTextAsync("You sit here");
            await Assertions.Expect(table).ToContainTextAsync("2 of 6 seats taken");
        }

        await anna.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Hello Ben, welcome to the table!");
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Log)).ToContainTextAsync("Hello Ben, welcome to the table!");

        await Screenshots.SaveAsync(anna, "bars-two-at-one-table");
    }

    [Fact]
    public async Task AnAttendeeWhoErasesTheirRegistrationVanishesFromTheTableAndTheirLineFromTheChat()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId);
        var anna = await OpenBarsAsync(testEvent.Id, "Anna Becker");
        var ben = await OpenBarsAsync(testEvent.Id, "Ben Kraus");
        await SitDownAsync(anna);
        await SitDownAsync(ben);
        await ben.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Ben was here");
        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Log)).ToContainTextAsync("Ben was here");

        // Ben's page stays open; his registration is erased with the token it holds.
        await EraseRegistrationAsync(ben, testEvent.Id);

        await Assertions.Expect(TableCard(anna)).Not.ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(TableCard(anna)).ToContainTextAsync("1 of 6 seats taken");
        var log = anna.GetByRole(AriaRole.Log);
        await Assertions.Expect(log).Not.ToContainTextAsync("Ben was here");
        await Assertions.Expect(log).Not.ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(log).ToContainTextAsync("(message removed)");
        await Screenshots.SaveAsync(anna, "bars-erased-neighbour");
    }

    [Fact]
    public async Task AFullTableSaysFullAndCannotBeSatAt()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId, OneSeatAtTheFirstTable);
        var anna = await OpenBarsAsync(testEvent.Id, "Anna Becker");
        var ben = await OpenBarsAsync(testEvent.Id, "Ben Kraus");

        await SitDownAsync(anna);

        var full = TableCard(ben).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "full", Exact = true });
        await Assertions.Expect(full).ToBeDisabledAsync();
        await Assertions.Expect(TableCard(ben)).ToContainTextAsync("Anna Becker");

        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Find me a table" }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = "You sit at" }))
            .ToContainTextAsync("You sit at");
        await Assertions.Expect(TableCard(ben)).Not.ToContainTextAsync("Ben Kraus");
        await Screenshots.SaveAsync(ben, "bars-full-table");
    }

    [Fact]
    public async Task BarNamesFollowTheLanguageSwitchWhileTableNamesStayAsDefined()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId);
        var anna = await OpenBarsAsync(testEvent.Id, "Anna Becker");

        // Anna registered in English; the bar names follow the UI, not the language chosen at registration.
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "DE", Exact = true }).ClickAsync();

        await Assertions.Expect(anna.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Bar Förderung", Exact = true })
            .GetByRole(AriaRole.Article, new LocatorGetByRoleOptions { Name = Table, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finde einen Tisch für mich" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(anna, "bars-german");
    }

    private async Task<IPage> OpenBarsAsync(string eventId, string name)
    {
        var page = await NewAttendeeAsync(eventId, name);
        await page.GotoAsync("/#/bars");
        await Assertions.Expect(TableCard(page)).ToBeVisibleAsync();
        return page;
    }

    private static async Task SitDownAsync(IPage page)
    {
        await TableCard(page).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sit down", Exact = true }).ClickAsync();
        await Assertions.Expect(TableCard(page)).ToContainTextAsync("You sit here");
    }

    private static ILocator TableCard(IPage page) =>
        page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = FundingBar, Exact = true })
            .GetByRole(AriaRole.Article, new LocatorGetByRoleOptions { Name = Table, Exact = true });

    private static EventDefinition OneSeatAtTheFirstTable(EventDefinition definition) => definition with
    {
        Bars = [.. definition.Bars!.Select(bar => bar.Id != WebTestEvent.BarId ? bar : bar with
        {
            Tables = [.. bar.Tables.Select(table => table.Id == WebTestEvent.TableId ? table with { Seats = 1 } : table)],
        })],
    };
}

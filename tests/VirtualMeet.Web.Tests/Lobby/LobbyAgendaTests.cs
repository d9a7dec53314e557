using VirtualMeet.Contracts.Events;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Lobby;

public sealed class LobbyAgendaTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task TheAgendaListsTheSessionsInTimeOrderWithKindAndLanguageAsText()
    {
        var meeting = await CreateEventAsync();
        var page = await NewAttendeeAsync(meeting.Id, "Anna Schmidt");

        var expected = meeting.Definition.Sessions
            .OrderBy(s => s.StartsAt)
            .ThenBy(EnglishTitle, StringComparer.Ordinal)
            .Select(EnglishTitle)
            .ToArray();
        var agenda = page.GetByRole(AriaRole.Region, new() { Name = "Programme" });
        await Assertions.Expect(agenda.GetByRole(AriaRole.Heading, new() { Level = 4 })).ToHaveTextAsync(expected);

        // Kind and language are words (not only colour or a flag), so screen readers and colour-blind people get them.
        var keynote = agenda.GetByRole(AriaRole.Article, new() { Name = EnglishTitle(meeting.Session(WebTestEvent.KeynoteId)) });
        await Assertions.Expect(keynote).ToContainTextAsync("Keynote");
        await Assertions.Expect(keynote).ToContainTextAsync("Language: German");
        await Assertions.Expect(keynote).ToContainTextAsync("Live");
        var english = agenda.GetByRole(AriaRole.Article, new() { Name = EnglishTitle(meeting.Session(WebTestEvent.EnglishBreakoutId)) });
        await Assertions.Expect(english).ToContainTextAsync("Breakout");
        await Assertions.Expect(english).ToContainTextAsync("Language: English");
        await Assertions.Expect(english).ToContainTextAsync("Registration required");
        await Screenshots.SaveAsync(page, "lobby-agenda");
    }

    [Fact]
    public async Task SwitchingTheLanguageToGermanChangesUiTextsAndSessionTitles()
    {
        var meeting = await CreateEventAsync();
        var page = await NewAttendeeAsync(meeting.Id, "Anna Schmidt");
        var keynote = meeting.Session(WebTestEvent.KeynoteId);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = keynote.Title.En })).ToBeVisibleAsync();

        var languages = page.GetByRole(AriaRole.Group, new() { Name = "Language" });
        await languages.GetByRole(AriaRole.Button, new() { Name = "DE", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programm", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = keynote.Title.De })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bühne", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "DE", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Screenshots.SaveAsync(page, "lobby-german");

        await page.GetByRole(AriaRole.Group, new() { Name = "Sprache" }).GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = keynote.Title.En })).ToBeVisibleAsync();
    }

    private static string EnglishTitle(SessionDefinition session) => session.Title.En ?? session.Title.De!;
}

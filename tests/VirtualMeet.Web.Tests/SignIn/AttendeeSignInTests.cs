using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.SignIn;

public sealed class AttendeeSignInTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task AnAttendeeWhoRegistersWithNameAndInterestsLandsInTheLobbyWithTheAgenda()
    {
        var meeting = await CreateEventAsync();
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);
        await Screenshots.SaveAsync(page, "signin");

        await page.GetByLabel("Display name", new() { Exact = true }).FillAsync("Anna Schmidt");
        await page.GetByLabel("Interests (optional)", new() { Exact = true }).FillAsync("hydrogen, funding");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and enter" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.LobbyUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Virtuelles Clustertreffen 2020");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cluster funding in times of crisis – impulses for setting out to new shores?" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Signed in as Anna Schmidt")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "lobby-after-registration");
    }

    [Fact]
    public async Task TheSignInHelperLeavesEachAttendeeInTheLobbyOfTheirOwnContext()
    {
        var meeting = await CreateEventAsync();

        var anna = await NewAttendeeAsync(meeting.Id, "Anna Schmidt");
        var ben = await NewAttendeeAsync(meeting.Id, "Ben Weber", "de");

        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Programme", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Heading, new() { Name = "Programm", Exact = true })).ToBeVisibleAsync();
        Assert.NotSame(anna.Context, ben.Context);
    }
}

using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.SignIn;

public sealed class OrganizerSignInTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task AnOrganiserWithTheKeyEntersTheOrganiserArea()
    {
        var meeting = await CreateEventAsync();
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);

        await page.GetByLabel("Organiser key", new() { Exact = true }).FillAsync(WebServerFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter as organiser" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.OrganizerUrl());
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Organiser" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Signed in as Organiser")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "organizer-signed-in");
    }

    [Fact]
    public async Task AWrongOrganiserKeyShowsTheErrorAndKeepsThePersonOnSignIn()
    {
        var meeting = await CreateEventAsync();
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);

        await page.GetByLabel("Organiser key", new() { Exact = true }).FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter as organiser" }).ClickAsync();

        var organiserForm = page.GetByRole(AriaRole.Form, new() { Name = "Organiser" });
        await Assertions.Expect(organiserForm.GetByRole(AriaRole.Alert)).ToContainTextAsync("The organizer key is wrong.");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/signin"));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('vm.session')"));
        await Screenshots.SaveAsync(page, "organizer-wrong-key");
    }
}

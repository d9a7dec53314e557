using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.SignIn;

public sealed class KeyboardSignInTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task TheAttendeeFormWorksWithTabAndEnterOnly()
    {
        var meeting = await CreateEventAsync();
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);
        var keyboard = page.Keyboard;

        // Start where the router leaves the focus after every route change: on the main region. From there the
        // fields follow in reading order.
        await page.Locator("#app").FocusAsync();
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Event", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Display name", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.TypeAsync("Karla Keyboard");
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Organisation (optional)", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Email (optional)", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Interests (optional)", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.TypeAsync("accessibility");
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Content language", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        var register = page.GetByRole(AriaRole.Button, new() { Name = "Register and enter" });
        await Assertions.Expect(register).ToBeFocusedAsync();
        await Screenshots.SaveAsync(page, "signin-keyboard-focus-on-register");
        await keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.LobbyUrl());
        await Assertions.Expect(page.GetByText("Signed in as Karla Keyboard")).ToBeVisibleAsync();
    }
}

namespace VirtualMeet.Web.Tests.Infrastructure;

public sealed class AppShellTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task TheNodeServesTheAppAndAnUnknownVisitorLandsOnSignIn()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/");

        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("VirtualMeet"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/signin$"));
        await Screenshots.SaveAsync(page, "signin-first-visit");
    }
}

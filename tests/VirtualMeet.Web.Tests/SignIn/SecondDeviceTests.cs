using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.SignIn;

public sealed partial class SecondDeviceTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task TheSignInLinkOpensASecondDeviceAndSigningItOutEndsItsPage()
    {
        var meeting = await CreateEventAsync();
        var laptop = await NewAttendeeAsync(meeting.Id, "Anna Schmidt");

        // The code is shown once, right after registering, with a link that carries it in the fragment.
        var devices = laptop.GetByRole(AriaRole.Region, new() { Name = "Your devices" });
        await Assertions.Expect(devices.GetByTestId("sign-in-code")).ToHaveTextAsync(SignInCode());
        var link = await devices.GetByRole(AriaRole.Link, new() { Name = "Sign-in link" }).GetAttributeAsync("href");
        Assert.Contains("#/signin?event=", link, StringComparison.Ordinal);

        var phone = await NewPageAsync();
        await phone.GotoAsync(link!);
        await Assertions.Expect(phone.GetByLabel("Sign-in code", new() { Exact = true })).Not.ToHaveValueAsync("");
        Assert.DoesNotContain("code=", phone.Url, StringComparison.Ordinal);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Enter with code" }).ClickAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(SignedInPages.LobbyUrl());
        var phoneDevices = phone.GetByRole(AriaRole.Region, new() { Name = "Your devices" });
        await Assertions.Expect(phoneDevices.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(phone, "devices-second-device");

        // From the laptop, sign the phone out: its page learns it at once (its hub connection is closed).
        await laptop.ReloadAsync();
        var others = laptop.GetByRole(AriaRole.Region, new() { Name = "Your devices" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { HasNotText = "(this device)" });
        await Assertions.Expect(others).ToHaveCountAsync(1);
        await others.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(phone.GetByText("You were signed out")).ToBeVisibleAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("#/signin"));
        await Screenshots.SaveAsync(phone, "devices-signed-out");
        await Assertions.Expect(laptop.GetByRole(AriaRole.Region, new() { Name = "Your devices" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AModeratorSignsInWithTheCodeAnOrganizerHandedOn()
    {
        var meeting = await CreateEventAsync();
        using var client = Node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TestTokens.OrganizerAsync(Node));
        using var issued = await client.PostAsync(new Uri($"/api/events/{meeting.Id}/people/moderation/tokens", UriKind.Relative), content: null);
        issued.EnsureSuccessStatusCode();
        var person = await issued.Content.ReadFromJsonAsync<PersonTokenResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var page = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);
        await page.GetByLabel("Sign-in code", new() { Exact = true }).FillAsync(person!.SignInCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter with code" }).ClickAsync();

        // No registration of their own: the lobby shows the agenda and their devices all the same.
        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.LobbyUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your devices" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
    }

    [GeneratedRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex SignInCode();
}

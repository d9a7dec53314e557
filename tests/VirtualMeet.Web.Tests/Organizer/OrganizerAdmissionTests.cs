using System.Text.RegularExpressions;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>The organiser makes an event invitation-only and hands out codes; each code lets one person in.</summary>
public sealed partial class OrganizerAdmissionTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task AnInvitationCodeFromTheConsoleRegistersOnePersonAndASecondUseIsRefusedVisibly()
    {
        // The mode changes only before the event starts: the copy of the demo runs tomorrow.
        var meeting = await CreateEventAsync(customize: definition => definition with
        {
            Sessions = [.. definition.Sessions.Select(s => s with { StartsAt = s.StartsAt.AddDays(1), EndsAt = s.EndsAt.AddDays(1) })],
        });
        var organiser = await NewOrganizerAsync(meeting.Id);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Registration", Exact = true }).ClickAsync();
        await organiser.GetByLabel("Who may register?").SelectOptionAsync(new SelectOptionValue { Value = "invitation" });
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Save mode" }).ClickAsync();
        await organiser.GetByLabel("Number of codes").FillAsync("2");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Generate codes" }).ClickAsync();

        var codeList = organiser.GetByRole(AriaRole.List, new() { Name = "New invitation codes" });
        await Assertions.Expect(codeList.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status).Filter(new() { HasText = "Invitation codes:" }))
            .ToHaveTextAsync("Invitation codes: 0 of 2 used · Tickets: 0 of 0 used");
        var codes = await codeList.GetByRole(AriaRole.Listitem).AllInnerTextsAsync();
        Assert.All(codes, code => Assert.Matches(CodeShape(), code.Trim()));
        var download = await organiser.RunAndWaitForDownloadAsync(() =>
            organiser.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal($"code\n{codes[0].Trim()}\n{codes[1].Trim()}\n", csv);
        await Screenshots.SaveAsync(organiser, "organizer-invitation-codes");

        var anna = await SignUpWithCodeAsync(meeting.Id, "Anna Schmidt", codes[0].Trim());
        await Assertions.Expect(anna).ToHaveURLAsync(SignedInPages.LobbyUrl());

        var mallory = await SignUpWithCodeAsync(meeting.Id, "Mallory", codes[0].Trim());
        await Assertions.Expect(mallory.GetByRole(AriaRole.Alert)).ToContainTextAsync("conflict");
        await Assertions.Expect(mallory.GetByRole(AriaRole.Alert)).ToContainTextAsync("This invitation code has been used already");
        await Screenshots.SaveAsync(mallory, "signin-used-invitation-code");
        Assert.DoesNotMatch(SignedInPages.LobbyUrl(), mallory.Url);
    }

    private async Task<IPage> SignUpWithCodeAsync(string eventId, string name, string code)
    {
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, eventId);
        await page.GetByLabel("Display name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Invitation code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and enter" }).ClickAsync();
        return page;
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$")]
    private static partial Regex CodeShape();
}

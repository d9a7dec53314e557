using System.Net.Http.Headers;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>A named organiser signs in with their own id and secret, and the audit log shows what they did under that id.</summary>
public sealed class NamedOrganizerAuditTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task ANamedOrganiserSignsInSetsTheStageAndFindsItInTheAuditLogUnderTheirOwnId()
    {
        var testEvent = await CreateEventAsync();
        var olga = await CreateTeamMemberAsync(testEvent.Id, "Olga Organizer", TeamRoles.Organizer);
        var page = await SignedInPages.OpenSignInAsync(Browser, Node, testEvent.Id);

        await page.GetByLabel("Organiser id (personal account)", new() { Exact = true }).FillAsync(olga.Account.Id);
        await page.GetByLabel("Organiser key", new() { Exact = true }).FillAsync(olga.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter as organiser" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.OrganizerUrl());
        await Assertions.Expect(page.GetByText("Signed in as Olga Organizer")).ToBeVisibleAsync();

        await page.GetByLabel("Stage session", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = testEvent.Session(WebTestEvent.KeynoteId).Title.En! });
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("live");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stage", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Run the stage" }).GetByRole(AriaRole.Status))
            .ToHaveTextAsync("Stage saved.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Team & audit log", Exact = true }).ClickAsync();
        var entry = page.GetByRole(AriaRole.Table, new() { Name = "Audit log" }).GetByRole(AriaRole.Row)
            .Filter(new() { HasText = "stage.set" });
        await Assertions.Expect(entry).ToContainTextAsync($"Olga Organizer ({olga.Account.Id})");
        await Assertions.Expect(entry).ToContainTextAsync(WebTestEvent.KeynoteId);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Event team" })).ToContainTextAsync(olga.Account.Id);
        await Screenshots.SaveAsync(page, "organizer-audit-log");
    }

    /// <summary>The administrator (the node's key) creates the account and gives it <paramref name="role"/> in the event.</summary>
    private async Task<CreatedOrganizer> CreateTeamMemberAsync(string eventId, string name, string role)
    {
        using var client = Node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(Node));
        using var created = await client.PostAsJsonAsync("/api/organizers", new CreateOrganizerRequest(name));
        created.EnsureSuccessStatusCode();
        var organizer = (await created.Content.ReadFromJsonAsync<CreatedOrganizer>())!;
        using var assigned = await client.PutAsJsonAsync($"/api/events/{eventId}/team/{organizer.Account.Id}", new TeamAssignmentRequest(role));
        assigned.EnsureSuccessStatusCode();
        return organizer;
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>Exports of the organiser console arrive as files (fetched with the organiser's token).</summary>
public sealed class OrganizerExportTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task AttendanceAndPollResultsDownloadAsCsvFiles()
    {
        var testEvent = await CreateEventAsync();
        using var client = Node.CreateClient();
        await RegisterForBreakoutAsync(client, testEvent.Id, "Clara Vogel");
        await OpenPollAsync(client, testEvent.Id);
        var organiser = await NewOrganizerAsync(testEvent.Id);

        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Exports", Exact = true }).ClickAsync();
        var attendance = await DownloadAsync(organiser, "Download CSV: Attendance");
        var polls = await DownloadAsync(organiser, "Download CSV: Poll results");

        Assert.StartsWith("attendeeId,displayName,organization,email,sessionId,sessionTitle,status,position\n", attendance, StringComparison.Ordinal);
        Assert.Contains($"\"Clara Vogel\",\"\",\"\",{WebTestEvent.BreakoutId},", attendance, StringComparison.Ordinal);
        Assert.StartsWith("option,text,count", polls, StringComparison.Ordinal);
        await Screenshots.SaveAsync(organiser, "organizer-exports");
    }

    private static async Task<string> DownloadAsync(IPage page, string buttonName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = buttonName, Exact = true }).ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
    }

    private static async Task RegisterForBreakoutAsync(HttpClient client, string eventId, string displayName)
    {
        using var registered = await client.PostAsJsonAsync($"/api/events/{eventId}/registrations",
            new AttendeeRegistrationRequest(displayName, Language: "en"), TestContext.Current.CancellationToken);
        var attendee = (await registered.EnsureSuccessStatusCode().Content
            .ReadFromJsonAsync<AttendeeRegistrationResponse>(TestContext.Current.CancellationToken))!;
        using var seat = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{eventId}/sessions/{WebTestEvent.BreakoutId}/registrations");
        seat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", attendee.AccessToken);
        (await client.SendAsync(seat, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Dispose();
    }

    private async Task OpenPollAsync(HttpClient client, string eventId)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(Node));
        using var created = await client.PostAsJsonAsync($"/api/events/{eventId}/polls",
            new { question = "Coffee or tea?", kind = "single", options = new[] { "Coffee", "Tea" } }, TestContext.Current.CancellationToken);
        var id = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PollCreated>(TestContext.Current.CancellationToken))!.Poll.Id;
        (await client.PostAsync($"/api/events/{eventId}/polls/{id}/open", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Dispose();
    }

    private sealed record PollCreated(PollCreatedView Poll);

    private sealed record PollCreatedView(string Id);
}

using VirtualMeet.Web.Tests.Infrastructure;
using VirtualMeet.Web.Tests.Polls;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>The organiser console runs the stage: what it sets and moderates reaches the audience live.</summary>
public sealed class OrganizerStageTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string Speaker = "Prof. Dr. Miriam Kessler";

    [Fact]
    public async Task TheOrganiserSetsTheStageLiveWithAStreamAndDeletesAChatLineTheAudienceThenNoLongerSees()
    {
        var testEvent = await CreateEventAsync();
        var organiser = await NewOrganizerAsync(testEvent.Id);
        var anna = await AttendeeSignIn.NewAsync(Browser, Node, testEvent.Id, "Anna Becker");
        await anna.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(anna.GetByText("No stream is configured for this stage yet.")).ToBeVisibleAsync();

        var keynoteTitle = testEvent.Session(WebTestEvent.KeynoteId).Title.En!;
        await organiser.GetByLabel("Stage session", new PageGetByLabelOptions { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = keynoteTitle });
        await Assertions.Expect(organiser.GetByLabel("Title", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(keynoteTitle);
        await organiser.GetByLabel("Status", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("live");
        await organiser.GetByLabel("Stream URL (English)", new PageGetByLabelOptions { Exact = true }).FillAsync(new Uri(Node.BaseAddress, "favicon.svg").ToString());
        await organiser.GetByLabel("Stream kind (English)", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("embed");
        await organiser.GetByLabel("Speaker", new PageGetByLabelOptions { Exact = true }).FillAsync(Speaker);
        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save stage", Exact = true }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Form, new PageGetByRoleOptions { Name = "Run the stage" }).GetByRole(AriaRole.Status))
            .ToHaveTextAsync("Stage saved.");

        await Assertions.Expect(anna.Locator(".stage-meta")).ToContainTextAsync("Live");
        await Assertions.Expect(anna.GetByText($"Speaking: {Speaker}")).ToBeVisibleAsync();
        await Assertions.Expect(anna.Locator("iframe[title='Live stream']")).ToBeVisibleAsync();

        await anna.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Buy cheap watches at example.com");
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        var line = organiser.GetByRole(AriaRole.Log).GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = "Buy cheap watches" });
        await Screenshots.SaveAsync(organiser, "organizer-stage");
        await line.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Delete message from Anna Becker" }).ClickAsync();

        await Assertions.Expect(anna.GetByRole(AriaRole.Log)).Not.ToContainTextAsync("Buy cheap watches");
        await Assertions.Expect(anna.GetByRole(AriaRole.Log)).ToContainTextAsync("Message removed");
        await Screenshots.SaveAsync(anna, "stage-live");
    }
}

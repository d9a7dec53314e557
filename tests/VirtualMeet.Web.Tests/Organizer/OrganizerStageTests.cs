using System.Globalization;
using System.Text.RegularExpressions;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>The organiser console runs the stage: what it sets and moderates reaches the audience live.</summary>
public sealed partial class OrganizerStageTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string Speaker = "Prof. Dr. Miriam Kessler";

    // The browsers run in Europe/Berlin (BrowserContexts); an event six hours behind tells the two zones apart.
    private const string EventZone = "America/New_York";

    [Fact]
    public async Task TheOrganiserSetsTheStageLiveWithAStreamAndDeletesAChatLineTheAudienceThenNoLongerSees()
    {
        var testEvent = await CreateEventAsync();
        var organiser = await NewOrganizerAsync(testEvent.Id);
        var anna = await NewAttendeeAsync(testEvent.Id, "Anna Becker");
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

    [Fact]
    public async Task APlannedStartEnteredOnTheEventsClockCountsDownOnTheStageAndShowsInTheEventsZone()
    {
        var testEvent = await CreateEventAsync(customize: definition => definition with { TimeZone = EventZone });
        var organiser = await NewOrganizerAsync(testEvent.Id);
        var anna = await NewAttendeeAsync(testEvent.Id, "Anna Becker");
        await anna.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(anna.Locator(".stage-meta")).ToContainTextAsync("Scheduled");

        // Two hours from now on the event's clock, in whole minutes as the field takes them.
        var start = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddHours(2), TimeZoneInfo.FindSystemTimeZoneById(EventZone));
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute));
        var keynoteTitle = testEvent.Session(WebTestEvent.KeynoteId).Title.En!;
        await organiser.GetByLabel("Stage session", new PageGetByLabelOptions { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = keynoteTitle });
        await Assertions.Expect(organiser.GetByLabel("Title", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(keynoteTitle);
        var plannedStart = organiser.GetByLabel("Planned start (date and time)", new PageGetByLabelOptions { Exact = true });
        await Assertions.Expect(plannedStart).ToHaveAccessibleDescriptionAsync(new Regex(EventZone));
        await plannedStart.FillAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await organiser.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save stage", Exact = true }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Form, new PageGetByRoleOptions { Name = "Run the stage" }).GetByRole(AriaRole.Status))
            .ToHaveTextAsync("Stage saved.");
        var wallClock = start.ToString("HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(organiser.Locator(".org-stage-current")).ToContainTextAsync(new Regex($"starts .*{wallClock}"));
        await Screenshots.SaveAsync(organiser, "organizer-planned-start");

        // A countdown to the wrong instant (the time read in Berlin) would be six hours off.
        await Assertions.Expect(anna.Locator("time.stage-countdown")).ToHaveTextAsync(AboutTwoHoursLeft());
        await Assertions.Expect(anna.Locator(".stage-planned-start")).ToContainTextAsync($"{wallClock} ({EventZone})");
        await Screenshots.SaveAsync(anna, "stage-planned-start");
    }

    [GeneratedRegex(@"^(1:[45]\d|2:00):\d\d$")]
    private static partial Regex AboutTwoHoursLeft();
}

using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Core;

/// <summary>
/// core/zoned-time.js, in the browser that runs it: wall-clock times of the event's zone to instants and back, across
/// the daylight-saving changes. The browser itself runs in Europe/Berlin, so a zone ignored would show.
/// </summary>
public sealed class ZonedTimeTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task WallClockTimesOfTheEventsZoneBecomeTheRightInstantsAcrossDaylightSavingChanges()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");

        // Each row: zone, the time typed, the instant it means, the time shown for that instant.
        string[][] cases =
        [
            ["Europe/Berlin", "2026-07-01T12:00", "2026-07-01T10:00:00.000Z", "2026-07-01T12:00"],
            ["Europe/Berlin", "2026-12-04T12:00", "2026-12-04T11:00:00.000Z", "2026-12-04T12:00"],
            // Spring: 02:30 does not exist; it moves on by the skipped hour.
            ["Europe/Berlin", "2026-03-29T02:30", "2026-03-29T01:30:00.000Z", "2026-03-29T03:30"],
            // Autumn: 02:30 happens twice; the earlier (still summer time) is taken.
            ["Europe/Berlin", "2026-10-25T02:30", "2026-10-25T00:30:00.000Z", "2026-10-25T02:30"],
            ["America/New_York", "2026-12-04T14:30", "2026-12-04T19:30:00.000Z", "2026-12-04T14:30"],
            ["America/New_York", "2026-11-01T01:30", "2026-11-01T05:30:00.000Z", "2026-11-01T01:30"],
            ["Asia/Kolkata", "2026-01-01T00:00", "2025-12-31T18:30:00.000Z", "2026-01-01T00:00"],
        ];

        var results = await page.EvaluateAsync<string[][]>(
            """
            async (cases) => {
              const { fromZonedInput, toZonedInput } = await import('/core/zoned-time.js');
              return cases.map(([zone, typed]) => {
                const instant = fromZonedInput(typed, zone);
                return [zone, typed, instant, toZonedInput(instant, zone)];
              });
            }
            """, cases);

        Assert.Equal(cases, results);
    }
}

using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Bars;

/// <summary>Camera and microphone at a bar table: a WebRTC mesh negotiated through the bar hub's Signal relay.</summary>
public sealed class TableVideoTests(WebServerFixture server, ChromiumFixture chromium, FakeMediaChromiumFixture media)
    : BrowserTest(server, chromium), IClassFixture<FakeMediaChromiumFixture>
{
    [Fact]
    public async Task TwoPeopleWhoTurnOnTheirCamerasAtOnceSeeEachOthersVideo()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.NetworkingId);
        var anna = await SeatedAsync(testEvent.Id, "Anna Becker");
        var ben = await SeatedAsync(testEvent.Id, "Ben Kraus");

        // Both at the same moment: the pair must still end up with one working connection.
        await Task.WhenAll(TurnOnAsync(anna), TurnOnAsync(ben));

        await ExpectPlayingTileAsync(anna, "Ben Kraus");
        await ExpectPlayingTileAsync(ben, "Anna Becker");

        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mute microphone" }).ClickAsync();
        await Assertions.Expect(Tile(anna, "Ben Kraus")).ToContainTextAsync("muted");

        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn off camera and microphone" }).ClickAsync();
        await Assertions.Expect(Tile(ben, "Anna Becker")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(anna, "bars-table-video");
    }

    private async Task<IPage> SeatedAsync(string eventId, string name)
    {
        var page = await SignedInPages.NewAttendeeAsync(media.Browser, Node, eventId, name);
        await page.GotoAsync("/#/bars");
        var table = page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Funding bar", Exact = true })
            .GetByRole(AriaRole.Article, new LocatorGetByRoleOptions { Name = "Tisch 1", Exact = true });
        await table.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sit down", Exact = true }).ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("You sit here");
        return page;
    }

    private static async Task TurnOnAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on camera and microphone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mute microphone" })).ToBeVisibleAsync();
    }

    /// <summary>The other's tile is there and its video has frames: media crossed the peer connection.</summary>
    private static async Task ExpectPlayingTileAsync(IPage page, string name)
    {
        var tile = Tile(page, name);
        await Assertions.Expect(tile).ToBeVisibleAsync();
        var video = await tile.Locator("video").ElementHandleAsync();
        await page.WaitForFunctionAsync("video => video.videoWidth > 0", video);
    }

    private static ILocator Tile(IPage page, string name) =>
        page.GetByRole(AriaRole.Figure).Filter(new LocatorFilterOptions { HasText = name });
}

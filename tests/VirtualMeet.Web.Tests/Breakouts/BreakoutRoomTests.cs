using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Breakouts;

/// <summary>Breakout rooms in the browser: registering and entering, who is in the room, the closing countdown.</summary>
public sealed partial class BreakoutRoomTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string RoomTitle = "Public relations in cluster management organisations";

    [Fact]
    public async Task ACountdownStartedByAnOrganiserReachesBothParticipants()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId);
        var anna = await EnterRoomAsync(testEvent.Id, "Anna Becker");
        var ben = await EnterRoomAsync(testEvent.Id, "Ben Kraus");
        await Assertions.Expect(Participants(anna)).ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(Participants(ben)).ToContainTextAsync("Anna Becker");

        await CloseBreakoutsAsync(testEvent.Id, countdownSeconds: 600);

        foreach (var page in new[] { anna, ben })
        {
            var countdown = page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Breakouts close in" });
            await Assertions.Expect(countdown).ToBeVisibleAsync();
            await Assertions.Expect(countdown.GetByRole(AriaRole.Timer)).ToHaveTextAsync(MinutesLeft());
        }

        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Raise hand" }).ClickAsync();
        await Assertions.Expect(Participants(anna)).ToContainTextAsync("Hand raised");
        await Screenshots.SaveAsync(anna, "breakout-room-closing");
    }

    [Fact]
    public async Task WhenTheCountdownEndsTheRoomSaysSoAndGoesBack()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId);
        var anna = await EnterRoomAsync(testEvent.Id, "Anna Becker");

        await CloseBreakoutsAsync(testEvent.Id, countdownSeconds: 1);

        await Assertions.Expect(anna.GetByRole(AriaRole.Alert)).ToContainTextAsync("Breakouts have closed");
        await Assertions.Expect(anna).ToHaveURLAsync(LobbyOrStage());
    }

    [Fact]
    public async Task EnteringWithoutARegistrationExplainsWhy()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId);
        var anna = await NewAttendeeAsync(testEvent.Id, "Anna Becker");

        await anna.GotoAsync($"/#/breakouts/{WebTestEvent.BreakoutId}");

        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "This breakout needs a confirmed registration." }))
            .ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Alert)).ToContainTextAsync("forbidden");
    }

    /// <summary>Registers through the breakout list, then enters the room from there.</summary>
    private async Task<IPage> EnterRoomAsync(string eventId, string name)
    {
        var page = await NewAttendeeAsync(eventId, name);
        await page.GotoAsync("/#/breakouts");
        var card = page.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions
        {
            Has = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = RoomTitle, Exact = true }),
        });
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Registered");
        if (name == "Anna Becker")
            await Screenshots.SaveAsync(page, "breakouts-list");

        await card.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Enter room" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToHaveTextAsync(RoomTitle);
        await Assertions.Expect(Participants(page)).ToContainTextAsync(name);
        return page;
    }

    private async Task CloseBreakoutsAsync(string eventId, int countdownSeconds)
    {
        await using var organizer = await Node.ConnectAsync(HubRoutes.Breakouts, await TestTokens.OrganizerAsync(Node));
        await organizer.InvokeAsync<BreakoutsClosing>(
            "CloseBreakouts", eventId, countdownSeconds, TestContext.Current.CancellationToken);
    }

    private static ILocator Participants(IPage page) =>
        page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Participants", Exact = false });

    [GeneratedRegex(@"^(09|10):\d\d$")]
    private static partial Regex MinutesLeft();

    [GeneratedRegex(@"#/(lobby|stage/[^/]+)$")]
    private static partial Regex LobbyOrStage();
}

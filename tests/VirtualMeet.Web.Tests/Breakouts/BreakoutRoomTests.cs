using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Breakouts;

/// <summary>
/// Breakout rooms in the browser: registering and entering, who is in the room, the closing countdown, moderators
/// moving and removing participants.
/// </summary>
public sealed partial class BreakoutRoomTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const string RoomTitle = "Public relations in cluster management organisations";
    private const string SecondRoomTitle = "Human resources management in cluster management organisations";

    [Fact]
    public async Task AVideoLinkAndACountdownStartedByAnOrganiserReachBothParticipants()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId);
        var anna = await EnterRoomAsync(testEvent.Id, "Anna Becker");
        var ben = await EnterRoomAsync(testEvent.Id, "Ben Kraus");
        await Assertions.Expect(Participants(anna)).ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(Participants(ben)).ToContainTextAsync("Anna Becker");

        await AsOrganizerAsync(testEvent.Id, organizer => organizer.InvokeAsync(
            "SetVideoLink", WebTestEvent.BreakoutId, "https://jitsi.example/pr-room", TestContext.Current.CancellationToken));
        await Assertions.Expect(ben.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Open the external video room" }))
            .ToHaveAttributeAsync("href", "https://jitsi.example/pr-room");

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
    public async Task AnAttendeeWhoErasesTheirRegistrationVanishesFromTheRoomWithTheirHandAndChatLine()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId);
        var anna = await EnterRoomAsync(testEvent.Id, "Anna Becker");
        var ben = await EnterRoomAsync(testEvent.Id, "Ben Kraus");
        await ben.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Ben was here");
        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Raise hand" }).ClickAsync();
        await Assertions.Expect(Participants(anna)).ToContainTextAsync("Hand raised");
        await Assertions.Expect(anna.GetByRole(AriaRole.Log)).ToContainTextAsync("Ben was here");

        await EraseRegistrationAsync(ben, testEvent.Id);

        await Assertions.Expect(Participants(anna)).Not.ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(Participants(anna)).Not.ToContainTextAsync("Hand raised");
        var log = anna.GetByRole(AriaRole.Log);
        await Assertions.Expect(log).Not.ToContainTextAsync("Ben was here");
        await Assertions.Expect(log).Not.ToContainTextAsync("Ben Kraus");
        await Assertions.Expect(log).ToContainTextAsync("(message removed)");
        await Screenshots.SaveAsync(anna, "breakout-erased-neighbour");
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

    [Fact]
    public async Task AnOrganiserMovesAnAttendeeToAnotherBreakoutAndRemovesThemThere()
    {
        var testEvent = await CreateEventAsync(WebTestEvent.BreakoutId, SecondRoomOpenToAll);
        var anna = await EnterRoomAsync(testEvent.Id, "Anna Becker");
        var organiser = await NewOrganizerAsync(testEvent.Id);
        await organiser.GotoAsync($"/#/breakouts/{WebTestEvent.BreakoutId}");
        await Assertions.Expect(ParticipantList(organiser)).ToContainTextAsync("Anna Becker");
        await Assertions.Expect(ParticipantList(anna).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);

        await ParticipantList(organiser).GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Move to… (Anna Becker)" })
            .SelectOptionAsync(new SelectOptionValue { Label = SecondRoomTitle });
        await Screenshots.SaveAsync(organiser, "breakout-moderation");
        await ParticipantList(organiser).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Move Anna Becker", Exact = true }).ClickAsync();

        await Assertions.Expect(Participants(organiser).GetByRole(AriaRole.Status)).ToHaveTextAsync($"Anna Becker is now in “{SecondRoomTitle}”.");
        await Assertions.Expect(ParticipantList(organiser).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(anna).ToHaveURLAsync(new Regex($"#/breakouts/{WebTestEvent.SecondBreakoutId}$"));
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToHaveTextAsync(SecondRoomTitle);
        await Assertions.Expect(anna.Locator(".breakout-notices").GetByRole(AriaRole.Status)).ToHaveTextAsync("You were moved to another breakout.");
        await Assertions.Expect(ParticipantList(anna)).ToContainTextAsync("Anna Becker");

        // The organiser follows; both now see the same two people in the second room.
        await organiser.GotoAsync($"/#/breakouts/{WebTestEvent.SecondBreakoutId}");
        await Assertions.Expect(ParticipantList(organiser).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Assertions.Expect(ParticipantList(anna).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(anna, "breakout-moved");

        await ParticipantList(organiser).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove Anna Becker", Exact = true }).ClickAsync();

        await Assertions.Expect(Participants(organiser).GetByRole(AriaRole.Status)).ToHaveTextAsync("Anna Becker was taken out of this breakout.");
        await Assertions.Expect(ParticipantList(organiser).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(anna.GetByRole(AriaRole.Alert)).ToHaveTextAsync("A moderator took you out of this breakout.");
        await Screenshots.SaveAsync(anna, "breakout-removed");
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

    private Task CloseBreakoutsAsync(string eventId, int countdownSeconds) =>
        AsOrganizerAsync(eventId, organizer => organizer.InvokeAsync<BreakoutsClosing>(
            "CloseBreakouts", eventId, countdownSeconds, TestContext.Current.CancellationToken));

    /// <summary>
    /// What the organiser console does, through the .NET client (the console is another page's concern), with an
    /// organiser token of the event: every test event copies the demo's session ids.
    /// </summary>
    private async Task AsOrganizerAsync(string eventId, Func<HubConnection, Task> action)
    {
        using var client = Node.CreateClient();
        using var response = await client.PostAsJsonAsync(
            "/api/auth/organizer", new { key = WebServerFixture.OrganizerKey, eventId }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();
        await using var organizer = await Node.ConnectAsync(HubRoutes.Breakouts, token);
        await action(organizer);
    }

    private static ILocator Participants(IPage page) =>
        page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Participants", Exact = false });

    // The people only: the region also holds moderation outcomes and the raised hands.
    private static ILocator ParticipantList(IPage page) => Participants(page).GetByRole(AriaRole.List).First;

    // Moving someone needs a room they may enter: the demo's breakouts all take registrations.
    private static EventDefinition SecondRoomOpenToAll(EventDefinition definition) => definition with
    {
        Sessions = [.. definition.Sessions.Select(s => s.Id == WebTestEvent.SecondBreakoutId ? s with { RegistrationRequired = false } : s)],
    };

    [GeneratedRegex(@"^(09|10):\d\d$")]
    private static partial Regex MinutesLeft();

    [GeneratedRegex(@"#/(lobby|stage/[^/]+)$")]
    private static partial Regex LobbyOrStage();
}

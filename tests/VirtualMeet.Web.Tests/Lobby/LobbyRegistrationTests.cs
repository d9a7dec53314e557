using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Lobby;

public sealed class LobbyRegistrationTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task TheFirstAttendeeGetsTheOnlySeatAndTheNextAWaitlistPosition()
    {
        var meeting = await CreateEventAsync(
            customize: definition => WebTestEvent.WithCapacity(definition, WebTestEvent.EnglishBreakoutId, capacity: 1));
        var title = meeting.Session(WebTestEvent.EnglishBreakoutId).Title.En!;

        var anna = await NewAttendeeAsync(meeting.Id, "Anna Schmidt");
        var annasCard = anna.GetByRole(AriaRole.Article, new() { Name = title });
        await Assertions.Expect(annasCard).ToContainTextAsync("1 of 1 seats left");
        await annasCard.GetByRole(AriaRole.Button, new() { Name = "Reserve a seat" }).ClickAsync();
        await Assertions.Expect(annasCard).ToContainTextAsync("You have a seat");
        await Assertions.Expect(annasCard.GetByRole(AriaRole.Button, new() { Name = "Give up my seat" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(anna, "lobby-seat-confirmed");

        var ben = await NewAttendeeAsync(meeting.Id, "Ben Weber");
        var bensCard = ben.GetByRole(AriaRole.Article, new() { Name = title });
        await Assertions.Expect(bensCard).ToContainTextAsync("Full (1 seats), waitlist: 0");
        await bensCard.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Assertions.Expect(bensCard).ToContainTextAsync("Waitlist position 1");
        await Assertions.Expect(bensCard.GetByRole(AriaRole.Button, new() { Name = "Leave the waitlist" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(ben, "lobby-waitlisted");
    }
}

using VirtualMeet.Contracts.Events;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Organizer;

/// <summary>The organiser imports a ticket list into an event in tickets mode; a ticket holder signs up with it once.</summary>
public sealed class OrganizerTicketImportTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task ATicketListWithABadRowIsRefusedNamingTheLineAndOnceFixedAdmitsItsHolders()
    {
        var meeting = await CreateEventAsync(customize: definition => definition with { Registration = RegistrationMode.Tickets });
        var organiser = await NewOrganizerAsync(meeting.Id);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Registration", Exact = true }).ClickAsync();
        var list = organiser.GetByLabel("Ticket list");
        var import = organiser.GetByRole(AriaRole.Button, new() { Name = "Import tickets" });

        await list.FillAsync("ticketId;name;email;category\nVM-1;Anna Schmidt;anna@example.org;VIP\nVM-2;Ben Weber;not-an-address;\n");
        await import.ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Alert)).ToContainTextAsync("line 3.email");

        await list.FillAsync("ticketId;name;email;category\nVM-1;Anna Schmidt;anna@example.org;VIP\nVM-2;Ben Weber;ben@example.org;\n");
        await import.ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status).Filter(new() { HasText = "added" }))
            .ToHaveTextAsync("2 tickets added, 0 unchanged, 2 in total.");
        await Assertions.Expect(organiser.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status).Filter(new() { HasText = "Tickets:" }))
            .ToHaveTextAsync("Invitation codes: 0 of 0 used · Tickets: 0 of 2 used");
        await Screenshots.SaveAsync(organiser, "organizer-ticket-import");

        var anna = await SignedInPages.OpenSignInAsync(Browser, Node, meeting.Id);
        await anna.GetByLabel("Display name", new() { Exact = true }).FillAsync("Anna Schmidt");
        await anna.GetByLabel("Email (as on the ticket)", new() { Exact = true }).FillAsync("anna@example.org");
        await anna.GetByLabel("Ticket number", new() { Exact = true }).FillAsync("vm-1");
        await Screenshots.SaveAsync(anna, "signin-with-ticket");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Register and enter" }).ClickAsync();

        await Assertions.Expect(anna).ToHaveURLAsync(SignedInPages.LobbyUrl());
    }
}

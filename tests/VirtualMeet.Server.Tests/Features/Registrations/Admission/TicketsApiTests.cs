using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>Ticket imports and sign-ups with a ticket through the API of one in-memory node.</summary>
public sealed class TicketsApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private const string Csv = """
        ticketId,name,email,category
        T-100,Anna Beispiel,anna@example.org,VIP
        t-101,"Bernd ""B."" Muster",bernd@example.org,
        T-102,"Clara, Dr.",clara@example.org,Presse
        """;

    private async Task<(string EventId, string Organizer)> NewTicketEventAsync()
    {
        var organizer = await _client.OrganizerTokenAsync();
        var definition = TestEvents.Create() with { Registration = RegistrationMode.Tickets };
        await _client.ImportAsync(definition, organizer);
        return (definition.Id, organizer);
    }

    /// <summary>A tickets event with the three tickets of <see cref="Csv"/>.</summary>
    private async Task<(string EventId, string Organizer)> NewEventWithTicketsAsync()
    {
        var (eventId, organizer) = await NewTicketEventAsync();
        using var imported = await _client.ImportTicketsAsync(eventId, organizer, Csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return (eventId, organizer);
    }

    [Fact]
    public async Task ACsvImportAddsEveryRowAndTheOrganizerSeesThemUnused()
    {
        var (eventId, organizer) = await NewTicketEventAsync();

        using var response = await _client.ImportTicketsAsync(eventId, organizer, Csv, "text/csv");

        Assert.Equal(new TicketImportResult(3, 0, 3), await response.ReadAsync<TicketImportResult>());
        var tickets = await _client.ReadJsonAsync<List<TicketView>>($"/api/events/{eventId}/tickets", organizer);
        Assert.Equal(
            [
                new TicketView("T-100", "Anna Beispiel", "anna@example.org", "VIP", false, null),
                new TicketView("T-101", "Bernd \"B.\" Muster", "bernd@example.org", null, false, null),
                new TicketView("T-102", "Clara, Dr.", "clara@example.org", "Presse", false, null),
            ],
            tickets);
    }

    [Fact]
    public async Task ASemicolonCsvAsSpreadsheetsWriteItAndAJsonArrayImportAlike()
    {
        var (eventId, organizer) = await NewTicketEventAsync();

        using var semicolons = await _client.ImportTicketsAsync(eventId, organizer, "\uFEFFemail;name;ticketId\r\nanna@example.org;Anna;S-1\r\n", "text/csv");
        using var json = await _client.ImportTicketsAsync(eventId, organizer,
            """[{"ticketId":"J-1","name":"Jana","email":"jana@example.org","category":"Team"}]""", "application/json");

        Assert.Equal(new TicketImportResult(1, 0, 1), await semicolons.ReadAsync<TicketImportResult>());
        Assert.Equal(new TicketImportResult(1, 0, 2), await json.ReadAsync<TicketImportResult>());
        Assert.Equal(new AdmissionCount(2, 0), (await _client.SummaryAsync(eventId, organizer)).Tickets);
    }

    [Fact]
    public async Task BadRowsAreNamedAndNothingOfTheImportIsKept()
    {
        var (eventId, organizer) = await NewTicketEventAsync();
        const string csv = """
            ticketId,name,email
            T-1,Anna,anna@example.org
            T 2,Bernd,bernd@example.org
            T-3,,clara@example.org
            T-1,Doris,not-an-address
            """;

        using var response = await _client.ImportTicketsAsync(eventId, organizer, csv, "text/csv");
        using var json = await _client.ImportTicketsAsync(eventId, organizer,
            """[{"ticketId":"J-1","name":"Jana","email":"jana@example.org"},{"ticketId":"J-2","name":"Jo","email":""}]""", "application/json");

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(["line 3.ticketId", "line 4.name", "line 5.ticketId", "line 5.email"], errors.Keys);
        Assert.Equal(["[1].email"], (await json.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Keys);
        Assert.Equal(new AdmissionCount(0, 0), (await _client.SummaryAsync(eventId, organizer)).Tickets);
    }

    [Fact]
    public async Task AHeaderWithoutTheRequiredColumnsIsRefused()
    {
        var (eventId, organizer) = await NewTicketEventAsync();

        using var response = await _client.ImportTicketsAsync(eventId, organizer, "id,name\nT-1,Anna\n", "text/csv");

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("ticketId, email", Assert.Single(errors["line 1"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReimportingATicketIdLeavesItAsItWasAndCountsItUnchanged()
    {
        var (eventId, organizer) = await NewEventWithTicketsAsync();

        using var again = await _client.ImportTicketsAsync(eventId, organizer, "ticketId,name,email\nT-100,Someone Else,else@example.org\nT-200,Neu,neu@example.org\n", "text/csv");

        Assert.Equal(new TicketImportResult(1, 1, 4), await again.ReadAsync<TicketImportResult>());
        var tickets = await _client.ReadJsonAsync<List<TicketView>>($"/api/events/{eventId}/tickets", organizer);
        Assert.Equal("anna@example.org", tickets.Single(t => t.TicketId == "T-100").Email);
    }

    [Fact]
    public async Task ATicketRegistersOnceWithItsEmailAndASecondRegistrationIsRefusedWithAConflict()
    {
        var (eventId, organizer) = await NewEventWithTicketsAsync();

        // Ids compare ignoring case, emails too.
        using var first = await _client.SignUpAsync(eventId, "t-100", "Anna", "Anna@Example.org");
        using var second = await _client.SignUpAsync(eventId, "T-100", "Mallory", "anna@example.org");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        var tickets = await _client.ReadJsonAsync<List<TicketView>>($"/api/events/{eventId}/tickets", organizer);
        Assert.True(tickets.Single(t => t.TicketId == "T-100").Used);
        Assert.Equal(new AdmissionCount(3, 1), (await _client.SummaryAsync(eventId, organizer)).Tickets);
    }

    [Fact]
    public async Task ATicketIdWithoutItsEmailAdmitsNobodyAndTellsNothingAboutTheTicket()
    {
        var (eventId, organizer) = await NewEventWithTicketsAsync();
        using var used = await _client.SignUpAsync(eventId, "T-101", "Bernd", "bernd@example.org");

        using var wrongEmail = await _client.SignUpAsync(eventId, "T-100", "Mallory", "mallory@example.org");
        using var usedWrongEmail = await _client.SignUpAsync(eventId, "T-101", "Mallory", "mallory@example.org");
        using var unknown = await _client.SignUpAsync(eventId, "T-999", "Mallory", "mallory@example.org");
        using var noEmail = await _client.SignUpAsync(eventId, "T-100", "Mallory");

        foreach (var response in new[] { wrongEmail, usedWrongEmail, unknown, noEmail })
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(await Detail(wrongEmail), await Detail(usedWrongEmail));
        Assert.Equal(await Detail(wrongEmail), await Detail(unknown));
        Assert.Equal(new AdmissionCount(3, 1), (await _client.SummaryAsync(eventId, organizer)).Tickets);
    }

    [Fact]
    public async Task AnErasedAttendeesTicketStaysUsed()
    {
        var (eventId, organizer) = await NewEventWithTicketsAsync();
        using var signUp = await _client.SignUpAsync(eventId, "T-102", "Clara", "clara@example.org");
        var attendee = await signUp.ReadAsync<AttendeeRegistrationResponse>();

        using var erased = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/registrations/me", attendee.AccessToken);
        using var again = await _client.SignUpAsync(eventId, "T-102", "Clara", "clara@example.org");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    private static async Task<string> Detail(HttpResponseMessage response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.GetProperty("detail").GetString()!;
    }
}

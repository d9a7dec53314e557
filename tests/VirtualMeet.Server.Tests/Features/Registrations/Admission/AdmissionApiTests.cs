using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>Registration modes and invitation codes through the API of one in-memory node.</summary>
public sealed class AdmissionApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private async Task<(string EventId, string Organizer)> NewEventAsync(EventDefinition definition)
    {
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);
        return (definition.Id, organizer);
    }

    [Fact]
    public async Task TheRegistrationModeRoundTripsThroughImportExportAndTheEventView()
    {
        var (eventId, organizer) = await NewEventAsync(TestEvents.Create() with { Registration = RegistrationMode.Tickets });

        var exported = await _client.ReadJsonAsync<EventDefinition>($"/api/events/{eventId}/export", organizer);
        var view = await _client.ReadJsonAsync<EventView>($"/api/events/{eventId}", organizer);
        using var raw = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/export", organizer);

        Assert.Equal(RegistrationMode.Tickets, exported.Registration);
        Assert.Equal(RegistrationMode.Tickets, view.Registration);
        Assert.Contains("\"registration\":\"tickets\"", await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // Without the setting an event is open, as every event was before.
        var (openId, _) = await NewEventAsync(TestEvents.Create());
        Assert.Equal(RegistrationMode.Open, (await _client.ReadJsonAsync<EventView>($"/api/events/{openId}", organizer)).Registration);
    }

    [Fact]
    public async Task AnUnknownModeInAnImportIsRefusedNamingTheField()
    {
        var organizer = await _client.OrganizerTokenAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(TestEvents.Create(), ApiClient.Json).Replace("\"registration\":\"open\"", "\"registration\":\"lottery\"", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", organizer);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("registration", errors.Keys);
    }

    [Fact]
    public async Task ModeChangesInvitationsAndTicketImportsAreInTheAuditLogUnderTheActingOrganizer()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent());

        (await _client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/registration-mode", organizer, new RegistrationModeRequest(RegistrationMode.Tickets))).Dispose();
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/invitations", organizer, new InvitationRequest(3))).Dispose();
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/tickets", organizer,
            new[] { new TicketDefinition("T-1", "Ada", "ada@example.org") })).Dispose();

        var audit = await _client.AuditAsync(eventId, organizer);
        Assert.Equal(
            [("registration.mode", "open->tickets"), ("invitations.generate", "count=3"), ("tickets.import", "added=1 unchanged=0")],
            audit.Entries.Where(e => e.Action != "event.import").Select(e => (e.Action, e.Details)));
        Assert.All(audit.Entries, e => Assert.Equal("admin", e.ActorId));
    }

    [Fact]
    public async Task TheOrganizerChangesTheModeBeforeTheEventAndAttendeesThenNeedACode()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent());
        using var open = await _client.SignUpAsync(eventId, code: null);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);

        using var changed = await _client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/registration-mode", organizer, new RegistrationModeRequest(RegistrationMode.Invitation));
        Assert.Equal(RegistrationMode.Invitation, (await changed.ReadAsync<AdmissionSummary>()).Mode);
        using var withoutCode = await _client.SignUpAsync(eventId, code: null);

        await withoutCode.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(RegistrationMode.Invitation, (await _client.ReadJsonAsync<EventDefinition>($"/api/events/{eventId}/export", organizer)).Registration);
    }

    [Fact]
    public async Task AnUnknownModeIsRefusedAndChangesNothing()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent());

        using var response = await _client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/registration-mode", organizer, new { mode = "lottery" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(RegistrationMode.Open, (await _client.SummaryAsync(eventId, organizer)).Mode);
    }

    [Fact]
    public async Task TheModeOfAnUnknownEventIsNotFound()
    {
        var organizer = await _client.OrganizerTokenAsync();

        using var response = await _client.SendAsync(HttpMethod.Put, "/api/events/ghost-event/registration-mode", organizer, new RegistrationModeRequest(RegistrationMode.Tickets));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task TheModeNoLongerChangesOnceTheEventHasStarted()
    {
        // TestEvents.Start lies before the clock of any run of these tests.
        var (eventId, organizer) = await NewEventAsync(TestEvents.Create());

        using var response = await _client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/registration-mode", organizer, new RegistrationModeRequest(RegistrationMode.Tickets));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal(RegistrationMode.Open, (await _client.SummaryAsync(eventId, organizer)).Mode);
    }

    [Fact]
    public async Task OnlyOrganizersManageAdmission()
    {
        var (eventId, _) = await NewEventAsync(AdmissionTestData.FutureEvent());
        var attendee = await _client.RegisterAsync(eventId);

        using var anonymous = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/invitations", token: null, new InvitationRequest(1));
        using var asAttendee = await _client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/registration-mode", attendee.AccessToken, new RegistrationModeRequest(RegistrationMode.Open));
        using var tickets = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/tickets", attendee.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asAttendee.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tickets.StatusCode);
    }

    [Fact]
    public async Task AnInvitationCodeRegistersOneAttendeeAndTheSecondUseIsAConflict()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));
        var codes = await _client.InvitationsAsync(eventId, 3, organizer);

        using var first = await _client.SignUpAsync(eventId, codes[0]);
        // Typed loosely: lower case, spaces for hyphens.
        using var second = await _client.SignUpAsync(eventId, codes[1].ToLowerInvariant().Replace('-', ' '));
        using var again = await _client.SignUpAsync(eventId, codes[0]);
        using var madeUp = await _client.SignUpAsync(eventId, "AAAAA-BBBBB-CCCCC-DDDDD");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await madeUp.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var summary = await _client.SummaryAsync(eventId, organizer);
        Assert.Equal(new AdmissionCount(3, 2), summary.Invitations);
    }

    [Fact]
    public async Task GeneratedCodesAreDistinctTypeableAndExportedAsCsv()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{eventId}/invitations")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new InvitationRequest(50), options: ApiClient.Json),
        };
        request.Headers.Authorization = new("Bearer", organizer);
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("code", lines[0]);
        var codes = lines[1..];
        Assert.Equal(50, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", c));
        using var signUp = await _client.SignUpAsync(eventId, codes[7]);
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
    }

    [Fact]
    public async Task ALinkWithFormatCsvDownloadsTheCodesAsAFile()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/invitations?format=csv", organizer, new InvitationRequest(3));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(4, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ACountOutsideTheLimitGeneratesNothing(int count)
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/invitations", organizer, new InvitationRequest(count));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(new AdmissionCount(0, 0), (await _client.SummaryAsync(eventId, organizer)).Invitations);
    }

    [Fact]
    public async Task CodesOfOneEventAdmitNobodyToAnother()
    {
        var (eventId, organizer) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));
        var (otherId, _) = await NewEventAsync(AdmissionTestData.FutureEvent(RegistrationMode.Invitation));
        var codes = await _client.InvitationsAsync(eventId, 1, organizer);

        using var response = await _client.SignUpAsync(otherId, codes[0]);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task APurgeRemovesTheEventsCodesAndTickets()
    {
        var definition = AdmissionTestData.FutureEvent(RegistrationMode.Invitation);
        var (eventId, organizer) = await NewEventAsync(definition);
        var codes = await _client.InvitationsAsync(eventId, 2, organizer);
        using var imported = await _client.ImportTicketsAsync(eventId, organizer, "ticketId,name,email\nT-1,Anna,anna@example.org\n", "text/csv");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        using var purge = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}", organizer);
        await _client.ImportAsync(definition, organizer);

        Assert.Equal(new AdmissionSummary(RegistrationMode.Invitation, new AdmissionCount(0, 0), new AdmissionCount(0, 0)), await _client.SummaryAsync(eventId, organizer));
        using var signUp = await _client.SignUpAsync(eventId, codes[0]);
        await signUp.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }
}

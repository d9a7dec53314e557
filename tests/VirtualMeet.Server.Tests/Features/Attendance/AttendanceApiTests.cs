using System.Net;
using System.Net.Http.Headers;
using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Attendance;

public sealed class AttendanceApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private async Task<string> NewEventAsync()
    {
        var definition = TestEvents.Create(workshopCapacity: 1);
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        return definition.Id;
    }

    private async Task<AttendeeRegistrationResponse> RegisterForAsync(string eventId, string displayName, params string[] sessionIds)
    {
        var attendee = await _client.RegisterAsync(eventId, displayName);
        foreach (var sessionId in sessionIds)
            (await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/sessions/{sessionId}/registrations", attendee.AccessToken)).Dispose();
        return attendee;
    }

    [Fact]
    public async Task TheReportListsEveryAttendeeWithTheirSeatsAndWaitlistPlacesInAgendaOrder()
    {
        var eventId = await NewEventAsync();
        var ben = await RegisterForAsync(eventId, "Ben", "open-room", "workshop");
        var ada = await RegisterForAsync(eventId, "Ada", "workshop");
        var cem = await RegisterForAsync(eventId, "Cem");

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/attendance?lang=en", await _client.OrganizerTokenAsync());

        var report = await response.ReadAsync<AttendanceReport>();
        Assert.Equal(eventId, report.EventId);
        Assert.Equal(
            [new("keynote", "Opening", null, 0, 0), new("workshop", "Werkstatt", 1, 1, 1), new("open-room", "Open room", null, 1, 0)],
            report.Sessions);
        Assert.Equal(["Ada", "Ben", "Cem"], report.Attendees.Select(a => a.DisplayName));
        Assert.Equal(ada.AttendeeId, report.Attendees[0].AttendeeId);
        Assert.Equal([new SessionRegistrationEntry("workshop", SessionRegistrationStatus.Waitlisted, 1)], report.Attendees[0].Sessions);
        Assert.Equal(ben.AttendeeId, report.Attendees[1].AttendeeId);
        Assert.Equal(
            [new SessionRegistrationEntry("workshop", SessionRegistrationStatus.Confirmed, null), new SessionRegistrationEntry("open-room", SessionRegistrationStatus.Confirmed, null)],
            report.Attendees[1].Sessions);
        // Signed up without taking any seat: listed all the same.
        Assert.Equal(cem.AttendeeId, report.Attendees[2].AttendeeId);
        Assert.Empty(report.Attendees[2].Sessions);
    }

    [Fact]
    public async Task TheCsvHasOneLinePerPlaceOrPersonAndDefusesSpreadsheetFormulas()
    {
        var eventId = await NewEventAsync();
        var mallory = await RegisterForAsync(eventId, "=HYPERLINK(\"x\")", "workshop");
        var zoe = await RegisterForAsync(eventId, "Zoe");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{eventId}/attendance?lang=de");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _client.OrganizerTokenAsync());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "attendeeId,displayName,organization,email,sessionId,sessionTitle,status,position",
                $"{mallory.AttendeeId},\"'=HYPERLINK(\"\"x\"\")\",\"\",\"\",workshop,\"Werkstatt\",confirmed,",
                $"{zoe.AttendeeId},\"Zoe\",\"\",\"\",,,,",
            ],
            lines);
    }

    [Fact]
    public async Task OnlyOrganizersExportAttendance()
    {
        var eventId = await NewEventAsync();
        var attendee = await RegisterForAsync(eventId, "Ada", "workshop");

        using var asAttendee = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/attendance", attendee.AccessToken);
        using var anonymous = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/attendance", token: null);

        await asAttendee.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownEventIsNotFound()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events/no-such-event/attendance", await _client.OrganizerTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}

using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations;

public sealed class SessionRegistrationApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private async Task<(string EventId, string Path)> NewEventAsync(int capacity = 1)
    {
        var definition = TestEvents.Create(workshopCapacity: capacity);
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        return (definition.Id, $"/api/events/{definition.Id}/sessions/workshop/registrations");
    }

    [Fact]
    public async Task TheFirstAttendeeIsConfirmedAndTheNextIsWaitlisted()
    {
        var (eventId, path) = await NewEventAsync();
        var first = await _client.RegisterAsync(eventId);
        var second = await _client.RegisterAsync(eventId);

        using var confirmed = await _client.SendAsync(HttpMethod.Post, path, first.AccessToken);
        using var waitlisted = await _client.SendAsync(HttpMethod.Post, path, second.AccessToken);

        Assert.Equal(new SessionRegistrationResponse(SessionRegistrationStatus.Confirmed), await confirmed.ReadAsync<SessionRegistrationResponse>());
        Assert.Equal(new SessionRegistrationResponse(SessionRegistrationStatus.Waitlisted, 1), await waitlisted.ReadAsync<SessionRegistrationResponse>());
        Assert.Equal("""{"status":"confirmed"}""", await (await _client.SendAsync(HttpMethod.Get, path, first.AccessToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AvailabilityCountsSeatsTakenSeatsLeftAndTheWaitlistWithoutAToken()
    {
        var (eventId, path) = await NewEventAsync(capacity: 2);
        for (var i = 0; i < 3; i++)
            (await _client.SendAsync(HttpMethod.Post, path, (await _client.RegisterAsync(eventId)).AccessToken)).Dispose();

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/availability", token: null);

        var workshop = Assert.Single(await response.ReadAsync<List<SessionAvailability>>(), a => a.SessionId == "workshop");
        Assert.Equal(new SessionAvailability("workshop", Capacity: 2, Confirmed: 2, Waitlisted: 1, SeatsLeft: 0), workshop);
    }

    [Fact]
    public async Task AvailabilityOfAnUnknownEventIsNotFound()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events/no-such-event/availability", token: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ARepeatedRegistrationAnswersTheSame()
    {
        var (eventId, path) = await NewEventAsync();
        var first = await _client.RegisterAsync(eventId);
        var second = await _client.RegisterAsync(eventId);
        (await _client.SendAsync(HttpMethod.Post, path, first.AccessToken)).Dispose();
        (await _client.SendAsync(HttpMethod.Post, path, second.AccessToken)).Dispose();

        using var again = await _client.SendAsync(HttpMethod.Post, path, second.AccessToken);

        Assert.Equal(new SessionRegistrationResponse(SessionRegistrationStatus.Waitlisted, 1), await again.ReadAsync<SessionRegistrationResponse>());
    }

    [Fact]
    public async Task CancellingPromotesTheFirstWaitingAttendee()
    {
        var (eventId, path) = await NewEventAsync();
        var attendees = new List<AttendeeRegistrationResponse>();
        for (var i = 0; i < 3; i++)
        {
            attendees.Add(await _client.RegisterAsync(eventId));
            (await _client.SendAsync(HttpMethod.Post, path, attendees[i].AccessToken)).Dispose();
        }

        using var cancel = await _client.SendAsync(HttpMethod.Delete, path, attendees[0].AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        using var cancelAgain = await _client.SendAsync(HttpMethod.Delete, path, attendees[0].AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, cancelAgain.StatusCode);

        using var promoted = await _client.SendAsync(HttpMethod.Get, path, attendees[1].AccessToken);
        using var stillWaiting = await _client.SendAsync(HttpMethod.Get, path, attendees[2].AccessToken);
        using var gone = await _client.SendAsync(HttpMethod.Get, path, attendees[0].AccessToken);
        Assert.Equal(SessionRegistrationStatus.Confirmed, (await promoted.ReadAsync<SessionRegistrationResponse>()).Status);
        Assert.Equal(new SessionRegistrationResponse(SessionRegistrationStatus.Waitlisted, 1), await stillWaiting.ReadAsync<SessionRegistrationResponse>());
        Assert.Equal(SessionRegistrationStatus.None, (await gone.ReadAsync<SessionRegistrationResponse>()).Status);
    }

    [Fact]
    public async Task SpeakersTakeSeatsWithTheirOrganizerIssuedToken()
    {
        var (eventId, path) = await NewEventAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, path, await _client.SpeakerTokenAsync(eventId, "speaker"));

        Assert.Equal(SessionRegistrationStatus.Confirmed, (await response.ReadAsync<SessionRegistrationResponse>()).Status);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task AnUnknownSessionOrEventIsNotFound(string method)
    {
        var (eventId, _) = await NewEventAsync();
        var attendee = await _client.RegisterAsync(eventId);

        using var unknownSession = await _client.SendAsync(new HttpMethod(method), $"/api/events/{eventId}/sessions/ghost/registrations", attendee.AccessToken);
        await unknownSession.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        using var roster = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/sessions/ghost/roster", await _client.OrganizerTokenAsync());
        await roster.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task AnEventPurgedAfterTheTokenWasIssuedVoidsTheToken()
    {
        var (eventId, path) = await NewEventAsync();
        var attendee = await _client.RegisterAsync(eventId);
        (await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}", await _client.OrganizerTokenAsync())).Dispose();

        using var response = await _client.SendAsync(HttpMethod.Post, path, attendee.AccessToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task SeatsNeedAnAttendeeTokenOfThatEvent(string method)
    {
        var (eventId, path) = await NewEventAsync();
        var (otherEventId, _) = await NewEventAsync();
        var outsider = await _client.RegisterAsync(otherEventId);

        using var anonymous = await _client.SendAsync(new HttpMethod(method), path, token: null);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);

        using var organizer = await _client.SendAsync(new HttpMethod(method), path, await _client.OrganizerTokenAsync());
        await organizer.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        using var otherEvent = await _client.SendAsync(new HttpMethod(method), path, outsider.AccessToken);
        await otherEvent.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task TheRosterListsSeatsAndWaitlistInOrder()
    {
        var (eventId, path) = await NewEventAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var attendee = await _client.RegisterAsync(eventId);
            ids.Add(attendee.AttendeeId);
            (await _client.SendAsync(HttpMethod.Post, path, attendee.AccessToken)).Dispose();
        }

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/sessions/workshop/roster", await _client.OrganizerTokenAsync());

        var roster = await response.ReadAsync<SessionRosterView>();
        Assert.Equal(1, roster.Capacity);
        Assert.Equal(ids[..1], roster.Confirmed);
        Assert.Equal(ids[1..], roster.Waitlist);
    }
}

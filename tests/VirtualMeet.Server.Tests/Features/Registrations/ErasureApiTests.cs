using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations;

public sealed class ErasureApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task AnAttendeeErasesTheirRegistrationAndTheirSeatGoesToTheWaitlist()
    {
        var definition = TestEvents.Create(workshopCapacity: 1);
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);
        var leaving = await _client.RegisterAsync(definition.Id);
        var waiting = await _client.RegisterAsync(definition.Id);
        var seatPath = $"/api/events/{definition.Id}/sessions/workshop/registrations";
        (await _client.SendAsync(HttpMethod.Post, seatPath, leaving.AccessToken)).Dispose();
        (await _client.SendAsync(HttpMethod.Post, seatPath, waiting.AccessToken)).Dispose();

        using var erase = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{definition.Id}/registrations/me", leaving.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);

        // The old token is revoked: it opens nothing, not even the record of what was erased.
        using var profile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/registrations/me", leaving.AccessToken);
        await profile.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var roster = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/sessions/workshop/roster", organizer);
        var seats = await roster.ReadAsync<SessionRosterView>();
        Assert.Equal([waiting.AttendeeId], seats.Confirmed);
        Assert.Empty(seats.Waitlist);

        // The old token no longer takes seats, nor erases again.
        using var again = await _client.SendAsync(HttpMethod.Post, seatPath, leaving.AccessToken);
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var eraseAgain = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{definition.Id}/registrations/me", leaving.AccessToken);
        await eraseAgain.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task AnOrganizerPurgesAWholeEvent()
    {
        var definition = TestEvents.Create();
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);
        var attendee = await _client.RegisterAsync(definition.Id);
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendee.AccessToken)).Dispose();

        using var purge = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{definition.Id}", organizer);
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);

        using var get = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        await get.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        using var list = await _client.SendAsync(HttpMethod.Get, "/api/events", token: null);
        Assert.DoesNotContain(await list.ReadAsync<List<EventSummary>>(), e => e.Id == definition.Id);

        // Re-imported under the same id, nothing of the old attendees or seats survives, and their tokens are void.
        await _client.ImportAsync(definition, organizer);
        using var profile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/registrations/me", attendee.AccessToken);
        await profile.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var roster = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/sessions/workshop/roster", organizer);
        Assert.Empty((await roster.ReadAsync<SessionRosterView>()).Confirmed);
    }

    [Fact]
    public async Task PurgingAnUnknownEventSucceeds()
    {
        using var purge = await _client.SendAsync(HttpMethod.Delete, "/api/events/never-existed", await _client.OrganizerTokenAsync());

        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
    }
}

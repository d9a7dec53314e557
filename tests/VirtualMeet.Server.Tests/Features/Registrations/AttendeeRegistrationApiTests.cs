using System.IdentityModel.Tokens.Jwt;
using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations;

public sealed class AttendeeRegistrationApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private async Task<string> NewEventAsync()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        return definition.Id;
    }

    [Fact]
    public async Task RegisteringReturnsAnAttendeeTokenForThatEvent()
    {
        var eventId = await NewEventAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/registrations", token: null,
            new AttendeeRegistrationRequest("Alex", "alex@example.org", "Cluster Nord", "en", ["KI"]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registration = await response.ReadAsync<AttendeeRegistrationResponse>();
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(registration.AccessToken);
        Assert.Equal(registration.AttendeeId, jwt.Subject);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.Role && c.Value == Roles.Attendee);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.EventId && c.Value == eventId);
    }

    [Fact]
    public async Task AnAttendeeReadsWhatTheServerHoldsAboutThem()
    {
        var eventId = await NewEventAsync();
        using var created = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/registrations", token: null,
            new AttendeeRegistrationRequest(" Alex ", "alex@example.org", "Cluster Nord", null, ["KI", "ki", "Energie"]));
        var registration = await created.ReadAsync<AttendeeRegistrationResponse>();
        using var seat = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/sessions/workshop/registrations", registration.AccessToken);

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", registration.AccessToken);

        var profile = await response.ReadAsync<AttendeeProfile>();
        Assert.Equal("Alex", profile.DisplayName);
        Assert.Equal("alex@example.org", profile.Email);
        Assert.Equal("de", profile.Language);
        Assert.Equal(["KI", "Energie"], profile.Interests);
        Assert.Equal([new SessionRegistrationEntry("workshop", SessionRegistrationStatus.Confirmed, null)], profile.Sessions);
    }

    [Fact]
    public async Task RegisteringForAnUnknownEventIsNotFound()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/events/ghost/registrations", token: null, new AttendeeRegistrationRequest("Alex"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"displayName":""}""", "displayName" },
        { """{"displayName":"   "}""", "displayName" },
        { $$"""{"displayName":"{{new string('x', 101)}}"}""", "displayName" },
        { """{"displayName":"Alex","email":"not-an-address"}""", "email" },
        { """{"displayName":"Alex","email":"alex@"}""", "email" },
        { $$"""{"displayName":"Alex","organization":"{{new string('x', 201)}}"}""", "organization" },
        { """{"displayName":"Alex","language":"fr"}""", "language" },
        { """{"displayName":"Alex","interests":[""]}""", "interests[0]" },
        { $$"""{"displayName":"Alex","interests":[{{string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"i{i}\""))}}]}""", "interests" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidSignUpIsRejectedNamingTheField(string json, string field)
    {
        var eventId = await NewEventAsync();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync($"/api/events/{eventId}/registrations", content, TestContext.Current.CancellationToken);

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public async Task AMalformedBodyIsABadRequestWithACode()
    {
        var eventId = await NewEventAsync();
        using var content = new StringContent("{\"displayName\":", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync($"/api/events/{eventId}/registrations", content, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task OwnRegistrationEndpointsNeedAnEventToken(string method)
    {
        var eventId = await NewEventAsync();
        var other = await _client.RegisterAsync(await NewEventAsync());

        using var anonymous = await _client.SendAsync(new HttpMethod(method), $"/api/events/{eventId}/registrations/me", token: null);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);

        using var organizer = await _client.SendAsync(new HttpMethod(method), $"/api/events/{eventId}/registrations/me", await _client.OrganizerTokenAsync());
        await organizer.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        using var otherEvent = await _client.SendAsync(new HttpMethod(method), $"/api/events/{eventId}/registrations/me", other.AccessToken);
        await otherEvent.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}

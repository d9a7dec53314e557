using System.IdentityModel.Tokens.Jwt;
using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.SignIn;

public sealed class SignInApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task TheOrganizerKeyBuysAnOrganizerToken()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey));

        var token = await response.ReadAsync<AccessTokenResponse>();

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token.AccessToken);
        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.Role && c.Value == Roles.Organizer);
        Assert.True(token.ExpiresAt > DateTimeOffset.FromUnixTimeSeconds(0));
    }

    [Fact]
    public async Task AnOrganizerSignedInForAnEventCarriesTheEventAndAnUnknownEventIsNotFound()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        using var forEvent = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null,
            new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey, definition.Id));
        using var forGhost = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null,
            new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey, "ghost"));

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken((await forEvent.ReadAsync<AccessTokenResponse>()).AccessToken);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.EventId && c.Value == definition.Id);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.Role && c.Value == Roles.Organizer);
        await forGhost.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("{x}")]
    [InlineData("a:b")]
    public async Task AnOrganizerTokenForAMalformedEventIdIsRefused(string eventId)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null,
            new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey, eventId));

        Assert.Contains("eventId", (await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Keys);
    }

    [Fact]
    public async Task AWrongOrganizerKeyIsUnauthorized()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest("guess"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task AnEmptyOrganizerKeyIsInvalid()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest(""));

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("key", errors.Keys);
    }

    [Fact]
    public async Task AForgedTokenIsUnauthorized()
    {
        var forged = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
            issuer: "virtualmeet", audience: "virtualmeet",
            claims: [new System.Security.Claims.Claim("sub", "organizer"), new System.Security.Claims.Claim("role", Roles.Organizer)],
            signingCredentials: new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]), "HS256")));

        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events/x/export", forged);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task SpeakersAndModeratorsGetTheirRolesFromTheAgenda()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        var speaker = RolesIn(await _client.SpeakerTokenAsync(definition.Id, "speaker"));
        var host = RolesIn(await _client.SpeakerTokenAsync(definition.Id, "host"));

        Assert.Equal([Roles.Attendee, Roles.Speaker], speaker);
        Assert.Equal([Roles.Attendee, Roles.Moderator], host);
    }

    [Fact]
    public async Task ATokenForAnUnknownPersonOrEventIsNotFound()
    {
        var definition = TestEvents.Create();
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);

        using var unknownPerson = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/people/ghost/tokens", organizer);
        await unknownPerson.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        using var unknownEvent = await _client.SendAsync(HttpMethod.Post, "/api/events/ghost/people/speaker/tokens", organizer);
        await unknownEvent.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    private static string[] RolesIn(string token) =>
        new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Where(c => c.Type == VirtualMeetClaims.Role).Select(c => c.Value).ToArray();
}

public sealed class OrganizerSignInDisabledTests
{
    [Fact]
    public async Task WithoutAConfiguredOrganizerKeyOrganizerSignInIsForbidden()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Auth:OrganizerKey"] = "" });
        using var client = node.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest("anything"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}

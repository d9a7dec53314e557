using System.IdentityModel.Tokens.Jwt;
using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Organizers;

public sealed class OrganizerAccountsApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task AnAccountsSecretSignsItInUnderItsOwnId()
    {
        var created = await _client.CreateOrganizerAsync("Olga Organizer");

        var token = new JwtSecurityTokenHandler().ReadJwtToken(await _client.SignInAsync(created));

        Assert.StartsWith("org-", created.Account.Id, StringComparison.Ordinal);
        Assert.Equal(created.Account.Id, token.Subject);
        Assert.Contains(token.Claims, c => c.Type == VirtualMeetClaims.Name && c.Value == "Olga Organizer");
        Assert.Equal([Roles.OrganizerAccount], token.Claims.Where(c => c.Type == VirtualMeetClaims.Role).Select(c => c.Value));
    }

    [Fact]
    public async Task TheSecretIsShownOnceAndNeverReturnedAgain()
    {
        var created = await _client.CreateOrganizerAsync("Sam Shown-Once");

        using var list = await _client.SendAsync(HttpMethod.Get, "/api/organizers", await _client.OrganizerTokenAsync());
        var body = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(created.Account.Id, body, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.True(created.Secret.Length >= 43, "256 random bits, base64url");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWrongSecretOrAnUnknownOrganizerIsUnauthorized(bool knownOrganizer)
    {
        var created = await _client.CreateOrganizerAsync("Wanda Wrong");
        var request = knownOrganizer
            ? new OrganizerTokenRequest(null, OrganizerId: created.Account.Id, Secret: created.Secret + "x")
            : new OrganizerTokenRequest(null, OrganizerId: "org-00000000000000000000", Secret: created.Secret);

        using var response = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task OnlyAnAdministratorCreatesAccounts()
    {
        var acrossEvents = await _client.SignInAsync(await _client.CreateOrganizerAsync("Gina Global", acrossEvents: true));

        using var byOrganizer = await _client.SendAsync(HttpMethod.Post, "/api/organizers", acrossEvents, new CreateOrganizerRequest("Eve"));
        using var anonymous = await _client.SendAsync(HttpMethod.Post, "/api/organizers", token: null, new CreateOrganizerRequest("Eve"));

        await byOrganizer.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task TheKeysTokenIsTheAdministratorsUnderItsOwnSubject()
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(await _client.OrganizerTokenAsync());

        Assert.Equal("admin", token.Subject);
        Assert.Contains(token.Claims, c => c.Type == VirtualMeetClaims.Role && c.Value == Roles.Administrator);
    }

    [Fact]
    public async Task ANamelessAccountIsInvalidAndADeletedOneSignsInNoMore()
    {
        using var nameless = await _client.SendAsync(HttpMethod.Post, "/api/organizers", await _client.OrganizerTokenAsync(), new CreateOrganizerRequest(" "));
        await nameless.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);

        var created = await _client.CreateOrganizerAsync("Dora Deleted");
        using var deleted = await _client.SendAsync(HttpMethod.Delete, $"/api/organizers/{created.Account.Id}", await _client.OrganizerTokenAsync());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var signIn = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null,
            new OrganizerTokenRequest(null, OrganizerId: created.Account.Id, Secret: created.Secret));
        await signIn.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }
}

using System.IdentityModel.Tokens.Jwt;
using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Organizers;

/// <summary>What each role of an event's team may do, and that an event's token opens no other event.</summary>
public sealed class TeamRolesApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task ANonMemberGetsNoEventToken()
    {
        var eventId = await _client.ImportNewEventAsync();
        var stranger = await _client.SignInAsync(await _client.CreateOrganizerAsync("Sid Stranger"));

        using var response = await _client.RequestEventTokenAsync(eventId, stranger);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task EventTokensCarryTheOrganizersOwnIdAndTheRolesOfTheirTeamRole()
    {
        var eventId = await _client.ImportNewEventAsync();

        var (ownerId, owner) = await _client.TeamMemberAsync(eventId, TeamRoles.Owner, "Otto Owner");
        var (moderatorId, moderator) = await _client.TeamMemberAsync(eventId, TeamRoles.Moderator, "Mia Moderator");

        Assert.Equal((ownerId, eventId, $"{Roles.Organizer} {Roles.EventOwner}"), Read(owner));
        Assert.Equal((moderatorId, eventId, $"{Roles.Moderator} {Roles.EventModerator}"), Read(moderator));
    }

    [Fact]
    public async Task AnOwnerAssignsTheTeamAndAnOrganizerMayNot()
    {
        var eventId = await _client.ImportNewEventAsync();
        var (_, owner) = await _client.TeamMemberAsync(eventId, TeamRoles.Owner, "Otto Owner");
        var (_, organizer) = await _client.TeamMemberAsync(eventId, TeamRoles.Organizer, "Olli Organizer");
        var newcomer = await _client.CreateOrganizerAsync("Nina Newcomer");

        using var byOrganizer = await _client.AssignAsync(eventId, newcomer.Account.Id, TeamRoles.Moderator, organizer);
        using var byOwner = await _client.AssignAsync(eventId, newcomer.Account.Id, TeamRoles.Moderator, owner);

        await byOrganizer.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var member = await byOwner.ReadAsync<TeamMemberView>();
        Assert.Equal((newcomer.Account.Id, "Nina Newcomer", TeamRoles.Moderator), (member.OrganizerId, member.Name, member.Role));
        using var team = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/team", organizer);
        Assert.Contains((await team.ReadAsync<List<TeamMemberView>>()), m => m.OrganizerId == newcomer.Account.Id);
        var moderator = await _client.EventTokenAsync(eventId, await _client.SignInAsync(newcomer));
        Assert.Equal($"{Roles.Moderator} {Roles.EventModerator}", Read(moderator).Roles);
    }

    [Fact]
    public async Task TakingSomeoneOffTheTeamOrChangingTheirRoleVoidsTheirEventTokensAtOnce()
    {
        var eventId = await _client.ImportNewEventAsync();
        var (leaverId, leaver) = await _client.TeamMemberAsync(eventId, TeamRoles.Organizer, "Lea Leaver");
        var (demotedId, demoted) = await _client.TeamMemberAsync(eventId, TeamRoles.Organizer, "Dora Demoted");
        using (var before = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/audit", leaver))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        (await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/team/{leaverId}", await _client.OrganizerTokenAsync())).Dispose();
        (await _client.AssignAsync(eventId, demotedId, TeamRoles.Moderator)).Dispose();

        foreach (var token in new[] { leaver, demoted })
        {
            using var after = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/audit", token);
            await after.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }
    }

    [Fact]
    public async Task ADeletedAccountsTokensStopAtOnce()
    {
        var eventId = await _client.ImportNewEventAsync();
        var (id, token) = await _client.TeamMemberAsync(eventId, TeamRoles.Organizer, "Gus Gone");
        var ada = await _client.CreateOrganizerAsync("Ada Across", acrossEvents: true);
        var acrossEvents = await _client.SignInAsync(ada);
        var acrossId = ada.Account.Id;

        (await _client.SendAsync(HttpMethod.Delete, $"/api/organizers/{id}", await _client.OrganizerTokenAsync())).Dispose();
        (await _client.SendAsync(HttpMethod.Delete, $"/api/organizers/{acrossId}", await _client.OrganizerTokenAsync())).Dispose();

        using var eventToken = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/audit", token);
        await eventToken.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var spanning = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/audit", acrossEvents);
        await spanning.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Theory]
    [InlineData("DELETE", "/api/events/{0}")]
    [InlineData("POST", "/api/events")]
    [InlineData("GET", "/api/events/{0}/export")]
    [InlineData("GET", "/api/events/{0}/attendance")]
    [InlineData("GET", "/api/events/{0}/sessions/workshop/roster")]
    [InlineData("GET", "/api/events/{0}/matchmaking/export")]
    [InlineData("GET", "/api/events/{0}/sessions/keynote/questions")]
    [InlineData("GET", "/api/events/{0}/audit")]
    [InlineData("GET", "/api/events/{0}/team")]
    [InlineData("POST", "/api/events/{0}/people/speaker/tokens")]
    public async Task AModeratorMayNotPurgeImportOrExportPersonalData(string method, string path)
    {
        var eventId = await _client.ImportNewEventAsync();
        var (_, moderator) = await _client.TeamMemberAsync(eventId, TeamRoles.Moderator, "Mia Moderator");

        using var response = await _client.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, eventId), moderator);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/api/events/{0}/attendance")]
    [InlineData("GET", "/api/events/{0}/audit")]
    [InlineData("PUT", "/api/events/{0}/team/org-00000000000000000000")]
    [InlineData("DELETE", "/api/events/{0}")]
    public async Task AnOwnersEventTokenOpensNoOtherEvent(string method, string path)
    {
        var (eventId, other) = (await _client.ImportNewEventAsync(), await _client.ImportNewEventAsync());
        var (_, owner) = await _client.TeamMemberAsync(eventId, TeamRoles.Owner, "Otto Owner");

        using var response = await _client.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, other), owner,
            method == "PUT" ? new TeamAssignmentRequest(TeamRoles.Owner) : null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task AnAccountAcrossEventsOrganizesEveryEventAndOwnsItsEventTokens()
    {
        var eventId = await _client.ImportNewEventAsync();
        var global = await _client.SignInAsync(await _client.CreateOrganizerAsync("Gina Global", acrossEvents: true));

        using var attendance = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/attendance", global);

        Assert.Equal(HttpStatusCode.OK, attendance.StatusCode);
        Assert.Equal($"{Roles.Organizer} {Roles.EventOwner}", Read(await _client.EventTokenAsync(eventId, global)).Roles);
    }

    [Fact]
    public async Task ADeletedAccountGetsNoFurtherEventTokenAndTheTeamChangesAreAudited()
    {
        var eventId = await _client.ImportNewEventAsync();
        var organizer = await _client.CreateOrganizerAsync("Dora Deleted");
        (await _client.AssignAsync(eventId, organizer.Account.Id, TeamRoles.Organizer)).Dispose();
        var signedIn = await _client.SignInAsync(organizer);
        (await _client.SendAsync(HttpMethod.Delete, $"/api/organizers/{organizer.Account.Id}", await _client.OrganizerTokenAsync())).Dispose();

        using var response = await _client.RequestEventTokenAsync(eventId, signedIn);

        // The account's token itself was revoked with it.
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        var audit = await _client.AuditAsync(eventId, await _client.OrganizerTokenAsync());
        var assigned = Assert.Single(audit.Entries, e => e.Action == "team.assign");
        Assert.Equal(("admin", "Administrator", organizer.Account.Id, "role=organizer"), (assigned.ActorId, assigned.ActorName, assigned.Target, assigned.Details));
    }

    /// <summary>Subject, event and the roles in token order, space-separated.</summary>
    private static (string Subject, string EventId, string Roles) Read(string token)
    {
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        return (jwt.Subject, jwt.Claims.Single(c => c.Type == VirtualMeetClaims.EventId).Value,
            string.Join(' ', jwt.Claims.Where(c => c.Type == VirtualMeetClaims.Role).Select(c => c.Value)));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Identity;

/// <summary>A node that trusts <see cref="TestOpenIdProvider"/> (<c>Auth:Authority</c>, <c>Auth:Audience</c>).</summary>
public sealed class ExternalAuthorityFixture : IAsyncLifetime
{
    internal TestOpenIdProvider Authority { get; private set; } = null!;

    public VirtualMeetNode Node { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Authority = await TestOpenIdProvider.StartAsync();
        Node = await VirtualMeetNode.StartAsync(Authority.NodeSettings());
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

/// <summary>Tokens of an external OpenID Connect authority next to the server's own, against a real authority over http.</summary>
public sealed class ExternalAuthorityTests(ExternalAuthorityFixture fixture) : IClassFixture<ExternalAuthorityFixture>
{
    private readonly HttpClient _client = fixture.Node.CreateClient();

    private TestOpenIdProvider Authority => fixture.Authority;

    [Fact]
    public async Task AnExternalOrganizerTokenImportsAndExportsAnEvent()
    {
        var token = Authority.Issue(TestOpenIdProvider.Organizer());
        var definition = TestEvents.Create();

        await _client.ImportAsync(definition, token);
        using var export = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/export", token);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task AnExternalOrganizerAdministersNamedOrganizersAndTheAuditLogNamesThemByTheirOwnSubject()
    {
        var token = Authority.Issue(TestOpenIdProvider.Organizer("staff-9"));
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, token);

        var created = await _client.CreateOrganizerAsync("Olga Organizer", adminToken: token);
        using var assigned = await _client.AssignAsync(definition.Id, created.Account.Id, TeamRoles.Moderator, token);

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var log = (await _client.AuditAsync(definition.Id, token)).Entries;
        Assert.Equal([("staff-9", "event.import"), ("staff-9", "team.assign")], log.Select(e => (e.ActorId, e.Action)));
    }

    [Fact]
    public async Task AnExternalOrganizerTokenOpensTheOrganizersHub()
    {
        var token = Authority.Issue(TestOpenIdProvider.Organizer());

        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Diagnostics, token);
        var me = await connection.InvokeAsync<ProbeNodeInfo>("WhoAmI", TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrEmpty(me.ConnectionId));
    }

    [Fact]
    public async Task TheServersOwnOrganizerAndAttendeeTokensStillWork()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        var attendee = await _client.RegisterAsync(definition.Id, "Alex Attendee");

        using var seat = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendee.AccessToken);
        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Notifications, attendee.AccessToken);
        var places = await connection.InvokeAsync<List<SessionRegistrationEntry>>("GetRegistrations", TestContext.Current.CancellationToken);

        Assert.Equal(SessionRegistrationStatus.Confirmed, (await seat.ReadAsync<SessionRegistrationResponse>()).Status);
        Assert.Equal("workshop", Assert.Single(places).SessionId);
    }

    [Fact]
    public async Task AnExternalOrganizerExchangesTheirTokenForOneOfTheEventAndRunsItsStage()
    {
        var external = Authority.Issue(TestOpenIdProvider.Organizer());
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, external);
        var ct = TestContext.Current.CancellationToken;

        // The stage takes the event from the token, and the authority's token names none.
        await using (var withoutEvent = await fixture.Node.ConnectAsync(HubRoutes.Stage, external))
            await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => withoutEvent.InvokeAsync<object>("JoinStage", "keynote", ct));

        using var exchange = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/organizer-token", external);
        var eventToken = await exchange.ReadAsync<AccessTokenResponse>();
        await using var stage = await fixture.Node.ConnectAsync(HubRoutes.Stage, eventToken.AccessToken);
        await stage.InvokeAsync<object>("JoinStage", "keynote", ct);

        Assert.True(eventToken.ExpiresAt <= DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1), $"ends with the external token, not at {eventToken.ExpiresAt}");
        using var unknown = await _client.SendAsync(HttpMethod.Post, "/api/events/no-such-event/organizer-token", external);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var attendee = await _client.RegisterAsync(definition.Id, "Alex Attendee");
        using var refused = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/organizer-token", attendee.AccessToken);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    public static TheoryData<string> ForgedTokens =>
    [
        "another audience",
        "the server's own audience",
        "another issuer",
        "the server's own issuer",
        "another key",
        "expired",
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task AForgedExternalTokenIsUnauthorized(string forgery)
    {
        var token = Forge(forgery);

        using var export = await _client.SendAsync(HttpMethod.Get, "/api/events/any/export", token);

        await export.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(HubRoutes.Diagnostics, token));
    }

    [Fact]
    public async Task AnExternalAttendeeTokenIsUnauthorizedAndTheAttendeeRegistersInstead()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, Authority.Issue(TestOpenIdProvider.Organizer()));
        var external = Authority.Issue(new Dictionary<string, object>
        {
            [VirtualMeetClaims.Subject] = "member-42",
            [VirtualMeetClaims.Name] = "Mia Member",
            [VirtualMeetClaims.Role] = Roles.Attendee,
            [VirtualMeetClaims.EventId] = definition.Id,
        });

        using var profile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/registrations/me", external);
        using var seat = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", external);
        var registered = await _client.RegisterAsync(definition.Id, "Mia Member");
        using var ownProfile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/registrations/me", registered.AccessToken);

        await profile.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await seat.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(HubRoutes.Notifications, external));
        Assert.Equal("Mia Member", (await ownProfile.ReadAsync<AttendeeProfile>()).DisplayName);
    }

    [Fact]
    public async Task AnExternalTokenWithoutASubjectIsUnauthorized()
    {
        var token = Authority.Issue(new Dictionary<string, object> { [VirtualMeetClaims.Role] = Roles.Organizer });

        using var export = await _client.SendAsync(HttpMethod.Get, "/api/events/any/export", token);

        await export.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    private string Forge(string forgery)
    {
        var organizer = TestOpenIdProvider.Organizer();
        using var anotherKey = RSA.Create(2048);
        return forgery switch
        {
            "another audience" => Authority.Issue(organizer, audience: "another-app"),
            "the server's own audience" => Authority.Issue(organizer, audience: "virtualmeet"),
            "another issuer" => Authority.Issue(organizer, issuer: "https://idp.example.org"),
            "the server's own issuer" => Authority.Issue(organizer, issuer: "virtualmeet"),
            "another key" => Authority.Issue(organizer, signingKey: anotherKey),
            "expired" => Authority.Issue(organizer, expired: true),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null),
        };
    }
}

/// <summary>External-authority settings that need a node of their own.</summary>
public sealed class ExternalAuthoritySettingsTests
{
    [Fact]
    public async Task RolesInTheClaimNamedByAuthRoleClaimCount()
    {
        await using var authority = await TestOpenIdProvider.StartAsync();
        var settings = authority.NodeSettings();
        settings["Auth:RoleClaim"] = "roles";
        await using var node = await VirtualMeetNode.StartAsync(settings);
        using var client = node.CreateClient();
        var token = authority.Issue(new Dictionary<string, object>
        {
            [VirtualMeetClaims.Subject] = "entra-user",
            [VirtualMeetClaims.Name] = "Erik Entra",
            ["roles"] = new[] { Roles.Organizer },
        });

        await client.ImportAsync(TestEvents.Create(), token);
    }

    [Fact]
    public async Task TheServersOwnTokensDoNotWaitForAnAuthorityThatNeverAnswers()
    {
        using var silent = StartSilentAuthority();
        await using var node = await VirtualMeetNode.StartAsync(Trusting(silent));
        using var client = node.CreateClient();

        var definition = TestEvents.Create();
        await client.ImportAsync(definition, await client.OrganizerTokenAsync());
        var attendee = await client.RegisterAsync(definition.Id);
        using var profile = await client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/registrations/me", attendee.AccessToken);

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task AnExternalTokenIsRefusedWithinTheMetadataTimeoutWhileTheAuthorityNeverAnswers()
    {
        using var silent = StartSilentAuthority();
        var settings = Trusting(silent);
        settings["Auth:MetadataTimeout"] = "00:00:01";
        await using var node = await VirtualMeetNode.StartAsync(settings);
        using var client = node.CreateClient();
        await using var elsewhere = await TestOpenIdProvider.StartAsync(); // only signs a token whose issuer is not the server's

        // Bounded by the test's wait, well below the library's default of a minute.
        using var export = await client.SendAsync(HttpMethod.Get, "/api/events/any/export", elsewhere.Issue(TestOpenIdProvider.Organizer()))
            .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        await export.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    /// <summary>Accepts connections (the kernel's backlog) but never answers a request: a firewalled or hung authority.</summary>
    private static TcpListener StartSilentAuthority()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        return silent;
    }

    private static Dictionary<string, string?> Trusting(TcpListener authority) => new()
    {
        ["Auth:Authority"] = $"http://127.0.0.1:{((IPEndPoint)authority.LocalEndpoint).Port}",
        ["Auth:Audience"] = TestOpenIdProvider.Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };
}

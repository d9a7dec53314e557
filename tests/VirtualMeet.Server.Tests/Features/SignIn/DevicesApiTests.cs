using System.IdentityModel.Tokens.Jwt;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.SignedInDevices;

namespace VirtualMeet.Server.Tests.Features.SignIn;

public sealed class DevicesApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewEventAsync()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        return definition.Id;
    }

    [Fact]
    public async Task RegisteringSignsInTheFirstDeviceWithAShortLivedTokenAndASignInCode()
    {
        var eventId = await NewEventAsync();

        var registration = AssertSignedIn(await _client.RegisterAsync(eventId));

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(registration.AccessToken);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.Device && c.Value == registration.DeviceId);
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var device = Assert.Single(await _client.DevicesAsync(eventId, registration.AccessToken));
        Assert.Equal(registration.DeviceId, device.DeviceId);
        Assert.True(device.Current);
    }

    [Fact]
    public async Task TheSignInCodeSignsInAnotherDeviceOfTheSameAttendee()
    {
        var eventId = await NewEventAsync();
        var laptop = await _client.RegisterAsync(eventId);

        // Typed from paper: lower case, without hyphens, an O for the zero.
        var typed = laptop.SignInCode.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Replace('0', 'o');
        var phone = await _client.SignInWithCodeAsync(eventId, typed, "Phone");

        Assert.Equal(laptop.AttendeeId, phone.AttendeeId);
        Assert.NotEqual(laptop.DeviceId, phone.DeviceId);
        using var profile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", phone.AccessToken);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var devices = await _client.DevicesAsync(eventId, phone.AccessToken);
        Assert.Equal([laptop.DeviceId, phone.DeviceId], devices.Select(d => d.DeviceId));
        Assert.Equal([false, true], devices.Select(d => d.Current));
        Assert.Equal("Phone", devices[1].Label);
    }

    [Fact]
    public async Task ARefreshTokenRenewsTheAccessTokenOnceAndTheOldOneStopsWorking()
    {
        var eventId = await NewEventAsync();
        var registration = await _client.RegisterAsync(eventId);

        using var first = await _client.RefreshAsync(eventId, registration.RefreshToken);
        var renewed = await first.ReadAsync<DeviceTokensResponse>();
        using var reused = await _client.RefreshAsync(eventId, registration.RefreshToken);
        using var forged = await _client.RefreshAsync(eventId, registration.DeviceId + ".not-the-secret");

        Assert.Equal(registration.DeviceId, renewed.DeviceId);
        Assert.NotEqual(registration.RefreshToken, renewed.RefreshToken);
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var profile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", renewed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task AnEndedDeviceIsRefusedAndClosedWhileTheOtherDeviceCarriesOn()
    {
        var eventId = await NewEventAsync();
        var laptop = await _client.RegisterAsync(eventId);
        var phone = await _client.SignInWithCodeAsync(eventId, laptop.SignInCode);
        var (phoneHub, phoneClosed) = await OpenAsync(fixture.Node, phone.AccessToken);
        var (laptopHub, _) = await OpenAsync(fixture.Node, laptop.AccessToken);
        await using var _1 = phoneHub;
        await using var _2 = laptopHub;

        using var end = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/devices/{phone.DeviceId}", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        await phoneClosed.WaitAsync(TestTimeouts.Default, Ct);
        using var phoneProfile = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", phone.AccessToken);
        Assert.Contains("was revoked", await phoneProfile.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await phoneProfile.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var phoneRefresh = await _client.RefreshAsync(eventId, phone.RefreshToken);
        await phoneRefresh.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(VirtualMeet.Contracts.HubRoutes.Notifications, phone.AccessToken));
        Assert.Equal(HubConnectionState.Connected, laptopHub.State);
        await laptopHub.InvokeAsync<object>("GetRegistrations", Ct).WaitAsync(TestTimeouts.Default, Ct);
        Assert.Equal([laptop.DeviceId], (await _client.DevicesAsync(eventId, laptop.AccessToken)).Select(d => d.DeviceId));
    }

    [Fact]
    public async Task NobodyEndsAnotherAttendeesDevice()
    {
        var eventId = await NewEventAsync();
        var alex = await _client.RegisterAsync(eventId);
        var kim = await _client.RegisterAsync(eventId, "Kim");

        using var end = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/devices/{alex.DeviceId}", kim.AccessToken);

        await end.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Single(await _client.DevicesAsync(eventId, alex.AccessToken));
    }

    [Fact]
    public async Task ANewSignInCodeReplacesTheOldOneAndWrongCodesAreRefused()
    {
        var eventId = await NewEventAsync();
        var registration = await _client.RegisterAsync(eventId);

        using var renew = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices/sign-in-code", registration.AccessToken);
        var code = (await renew.ReadAsync<SignInCodeResponse>()).SignInCode;

        using var old = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices", token: null, new DeviceSignInRequest(registration.SignInCode));
        await old.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var garbage = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices", token: null, new DeviceSignInRequest("not a code"));
        await garbage.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var empty = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices", token: null, new DeviceSignInRequest(""));
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(registration.AttendeeId, (await _client.SignInWithCodeAsync(eventId, code)).AttendeeId);
    }

    [Fact]
    public async Task GuessingSignInCodesRunsIntoTheAddressBudget()
    {
        var eventId = await NewEventAsync();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            using var guess = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices", token: null,
                new DeviceSignInRequest($"AAAA-AAAA-AAAA-{attempt:D4}"));
            statuses.Add(guess.StatusCode);
        }

        Assert.All(statuses[..10], status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task ErasureSignsOutEveryDeviceAndClosesTheirConnections()
    {
        var eventId = await NewEventAsync();
        var laptop = await _client.RegisterAsync(eventId);
        var phone = await _client.SignInWithCodeAsync(eventId, laptop.SignInCode);
        var (laptopHub, laptopClosed) = await OpenAsync(fixture.Node, laptop.AccessToken);
        var (phoneHub, phoneClosed) = await OpenAsync(fixture.Node, phone.AccessToken);
        await using var _1 = laptopHub;
        await using var _2 = phoneHub;

        using var erase = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/registrations/me", phone.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        await Task.WhenAll(laptopClosed, phoneClosed).WaitAsync(TestTimeouts.Default, Ct);
        foreach (var token in new[] { laptop.AccessToken, phone.AccessToken })
        {
            using var devices = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/devices", token);
            await devices.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        using var code = await _client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/devices", token: null, new DeviceSignInRequest(laptop.SignInCode));
        await code.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        using var refresh = await _client.RefreshAsync(eventId, laptop.RefreshToken);
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task APurgeClosesTheEventsConnections()
    {
        var eventId = await NewEventAsync();
        var attendee = await _client.RegisterAsync(eventId);
        var (hub, closed) = await OpenAsync(fixture.Node, attendee.AccessToken);
        await using var _ = hub;

        using var purge = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}", await _client.OrganizerTokenAsync());

        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        await closed.WaitAsync(TestTimeouts.Default, Ct);
    }

    [Fact]
    public async Task ASpeakersTokenIsADeviceWithItsOwnSignInCode()
    {
        var definition = StageTestClient.Event();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        using var issued = await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/people/{StageTestClient.Speaker}/tokens",
            await _client.OrganizerTokenAsync());
        var speaker = await issued.ReadAsync<PersonTokenResponse>();
        var elsewhere = await _client.SignInWithCodeAsync(definition.Id, speaker.SignInCode);

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(elsewhere.AccessToken);
        Assert.Equal(StageTestClient.Speaker, elsewhere.AttendeeId);
        Assert.Contains(jwt.Claims, c => c.Type == VirtualMeetClaims.Role && c.Value == Roles.Speaker);
        Assert.Equal(2, (await _client.DevicesAsync(definition.Id, speaker.AccessToken)).Count);
    }

    [Fact]
    public async Task ARevocationTheNodeMissedIsClosedByItsSweep()
    {
        var eventId = await NewEventAsync();
        var attendee = await _client.RegisterAsync(eventId);
        var (hub, closed) = await OpenAsync(fixture.Node, attendee.AccessToken);
        await using var _ = hub;
        var time = fixture.Node.GetRequiredService<TimeProvider>();

        // Stored as another node would store it, without the message that closes connections at once.
        await fixture.Node.GetRequiredService<IRevocationStore>()
            .AddAsync(Revocation.OfDevice(eventId, attendee.DeviceId), time.GetUtcNow(), TimeSpan.FromHours(2), Ct);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        await fixture.Node.Services.GetServices<IHostedService>().OfType<RevocationSweep>().Single().SweepAsync(Ct);

        await closed.WaitAsync(TestTimeouts.Default, Ct);
    }
}

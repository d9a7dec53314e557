using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations;

public sealed class NotificationsHubTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task AWaitingAttendeeIsToldWhenTheyGetASeat()
    {
        var definition = TestEvents.Create(workshopCapacity: 1);
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        var path = $"/api/events/{definition.Id}/sessions/workshop/registrations";
        var holder = await _client.RegisterAsync(definition.Id);
        var waiting = await _client.RegisterAsync(definition.Id);
        (await _client.SendAsync(HttpMethod.Post, path, holder.AccessToken)).Dispose();
        (await _client.SendAsync(HttpMethod.Post, path, waiting.AccessToken)).Dispose();

        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Notifications, waiting.AccessToken);
        var pushed = new TaskCompletionSource<RegistrationChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RegistrationChanged>(nameof(INotificationsClient.RegistrationChanged), change => pushed.TrySetResult(change));
        await connection.InvokeAsync<List<SessionRegistrationEntry>>("GetRegistrations", TestContext.Current.CancellationToken);

        (await _client.SendAsync(HttpMethod.Delete, path, holder.AccessToken)).Dispose();

        var change = await pushed.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal(new RegistrationChanged(definition.Id, "workshop", SessionRegistrationStatus.Confirmed, null), change);
    }

    [Fact]
    public async Task TheHubRefusesConnectionsWithoutAToken()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(HubRoutes.Notifications, accessToken: null));
    }

    [Fact]
    public async Task GetRegistrationsReturnsTheCallersPlaces()
    {
        var definition = TestEvents.Create(workshopCapacity: 0);
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        var attendee = await _client.RegisterAsync(definition.Id);
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendee.AccessToken)).Dispose();
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/keynote/registrations", attendee.AccessToken)).Dispose();
        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Notifications, attendee.AccessToken);

        var places = await connection.InvokeAsync<List<SessionRegistrationEntry>>("GetRegistrations", TestContext.Current.CancellationToken);

        Assert.Equal(
            [new SessionRegistrationEntry("keynote", SessionRegistrationStatus.Confirmed, null), new SessionRegistrationEntry("workshop", SessionRegistrationStatus.Waitlisted, 1)],
            places);
    }

    [Fact]
    public async Task GetRegistrationsWithAnOrganizerTokenIsAnInvalidArgument()
    {
        await using var connection = await fixture.Node.ConnectAsync(HubRoutes.Notifications, await _client.OrganizerTokenAsync());

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<List<SessionRegistrationEntry>>("GetRegistrations", TestContext.Current.CancellationToken));

        // SignalR prefixes the text ("An unexpected error occurred invoking ... HubException: "); the code follows.
        Assert.Contains("HubException: invalid_argument: ", error.Message, StringComparison.Ordinal);
    }
}

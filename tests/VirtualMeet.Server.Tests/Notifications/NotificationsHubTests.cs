using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Events;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Notifications;

public sealed class NotificationsHubTests(InMemoryNodeFixture fixture) : IClassFixture<InMemoryNodeFixture>
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

        (await _client.SendAsync(HttpMethod.Delete, path, holder.AccessToken)).Dispose();

        var change = await pushed.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal(new RegistrationChanged(definition.Id, "workshop", SessionRegistrationStatus.Confirmed, null), change);
    }

    [Fact]
    public async Task TheHubRefusesConnectionsWithoutAToken()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Node.ConnectAsync(HubRoutes.Notifications, accessToken: null));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Device sign-in over REST and hub connections that report when the server closed them.</summary>
internal static class SignedInDevices
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DeviceTokensResponse> SignInWithCodeAsync(this HttpClient client, string eventId, string code, string? label = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/events/{eventId}/devices", new DeviceSignInRequest(code, label), ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<DeviceTokensResponse>();
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string eventId, string refreshToken) =>
        client.PostAsJsonAsync($"/api/events/{eventId}/devices/refresh", new TokenRefreshRequest(refreshToken), ApiClient.Json, Ct);

    public static async Task<IReadOnlyList<DeviceView>> DevicesAsync(this HttpClient client, string eventId, string token)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/devices", token);
        return await response.ReadAsync<List<DeviceView>>();
    }

    /// <summary>A notifications hub connection (it needs nothing but a participant token) and a task that completes when it closes.</summary>
    public static async Task<(HubConnection Connection, Task Closed)> OpenAsync(VirtualMeetNode node, string token)
    {
        var connection = await node.ConnectAsync(HubRoutes.Notifications, token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return (connection, closed.Task);
    }

    public static AttendeeRegistrationResponse AssertSignedIn(AttendeeRegistrationResponse registration)
    {
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", registration.SignInCode);
        Assert.StartsWith(registration.DeviceId + ".", registration.RefreshToken, StringComparison.Ordinal);
        return registration;
    }
}

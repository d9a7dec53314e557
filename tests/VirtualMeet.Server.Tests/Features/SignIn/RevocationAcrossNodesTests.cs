using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.SignedInDevices;

namespace VirtualMeet.Server.Tests.Features.SignIn;

/// <summary>Revocations on two nodes over Redis: a device ended or an attendee erased through one node is shut out on both.</summary>
public sealed class RevocationAcrossNodesTests(TwoNodesOnRedis nodes) : IClassFixture<TwoNodesOnRedis>
{
    /// <summary>The promise: every node closes a revoked connection within a second of the revocation.</summary>
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewEventAsync()
    {
        var definition = TestEvents.Create();
        using var client = nodes.A.CreateClient();
        await client.ImportAsync(definition, await client.OrganizerTokenAsync());
        return definition.Id;
    }

    [Fact]
    public async Task AnEndedDeviceIsClosedAndRefusedOnEveryNodeWithinASecond()
    {
        var eventId = await NewEventAsync();
        using var a = nodes.A.CreateClient();
        using var b = nodes.B.CreateClient();
        var laptop = await a.RegisterAsync(eventId);
        var phone = await b.SignInWithCodeAsync(eventId, laptop.SignInCode, "Phone");
        var (phoneOnA, phoneOnAClosed) = await OpenAsync(nodes.A, phone.AccessToken);
        var (phoneOnB, phoneOnBClosed) = await OpenAsync(nodes.B, phone.AccessToken);
        var (laptopOnB, laptopOnBClosed) = await OpenAsync(nodes.B, laptop.AccessToken);
        await using var _1 = phoneOnA;
        await using var _2 = phoneOnB;
        await using var _3 = laptopOnB;

        using var end = await a.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/devices/{phone.DeviceId}", laptop.AccessToken);
        var ended = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        await Task.WhenAll(phoneOnAClosed, phoneOnBClosed).WaitAsync(WithinASecond, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"Both nodes closed the ended device's connections {ended.ElapsedMilliseconds} ms after the answer.");
        using var onB = await b.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/registrations/me", phone.AccessToken);
        await onB.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await Assert.ThrowsAnyAsync<Exception>(() => nodes.B.ConnectAsync(VirtualMeet.Contracts.HubRoutes.Notifications, phone.AccessToken));
        Assert.False(laptopOnBClosed.IsCompleted);
        await laptopOnB.InvokeAsync<object>("GetRegistrations", Ct).WaitAsync(TestTimeouts.Default, Ct);
    }

    [Fact]
    public async Task AnErasedAttendeeIsClosedAndRefusedOnEveryNodeWithinASecond()
    {
        var eventId = await NewEventAsync();
        using var a = nodes.A.CreateClient();
        using var b = nodes.B.CreateClient();
        var laptop = await a.RegisterAsync(eventId);
        var phone = await b.SignInWithCodeAsync(eventId, laptop.SignInCode);
        var bystander = await b.RegisterAsync(eventId, "Kim");
        var (laptopOnA, laptopClosed) = await OpenAsync(nodes.A, laptop.AccessToken);
        var (phoneOnB, phoneClosed) = await OpenAsync(nodes.B, phone.AccessToken);
        var (bystanderOnB, bystanderClosed) = await OpenAsync(nodes.B, bystander.AccessToken);
        await using var _1 = laptopOnA;
        await using var _2 = phoneOnB;
        await using var _3 = bystanderOnB;

        using var erase = await a.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/registrations/me", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        await Task.WhenAll(laptopClosed, phoneClosed).WaitAsync(WithinASecond, Ct);
        foreach (var (client, token) in new[] { (a, phone.AccessToken), (b, laptop.AccessToken) })
        {
            using var refused = await client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/devices", token);
            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        Assert.False(bystanderClosed.IsCompleted);
        Assert.Equal(HubConnectionState.Connected, bystanderOnB.State);
    }
}

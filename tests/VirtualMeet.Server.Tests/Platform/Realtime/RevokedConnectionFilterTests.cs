using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>The per-call check of <see cref="RevokedConnectionFilter"/>, without a server: a revoked connection's calls never reach the hub.</summary>
public sealed class RevokedConnectionFilterTests
{
    private readonly ConnectionIndex _index = new(NullLogger<ConnectionIndex>.Instance);

    [Fact]
    public async Task ACallOfARevokedConnectionIsRefusedBeforeTheHubAndOthersPass()
    {
        var revoked = new FakeCaller("c1", "ev", "alex", "phone");
        var other = new FakeCaller("c2", "ev", "alex", "laptop");
        _index.Add(revoked);
        _index.Add(other);
        var filter = new RevokedConnectionFilter(_index, null!);
        var reached = new List<string>();
        ValueTask<object?> Hub(HubInvocationContext call)
        {
            reached.Add(call.Context.ConnectionId);
            return ValueTask.FromResult<object?>(null);
        }

        var closed = _index.CloseCovered(Revocation.OfDevice("ev", "phone"));
        var refusal = await Assert.ThrowsAsync<Refusal>(async () => await filter.InvokeMethodAsync(Call(revoked), Hub));
        await filter.InvokeMethodAsync(Call(other), Hub);

        Assert.Equal(1, closed);
        Assert.True(revoked.Aborted);
        Assert.False(other.Aborted);
        Assert.Equal(ErrorCodes.Unauthorized, refusal.Code);
        Assert.Equal(["c2"], reached);
    }

    [Fact]
    public void ARevocationOfTheSubjectOrTheEventCoversEveryDeviceAndNoOtherEvent()
    {
        var phone = new FakeCaller("c1", "ev", "alex", "phone");
        var laptop = new FakeCaller("c2", "ev", "alex", "laptop");
        var kim = new FakeCaller("c3", "ev", "kim", "tablet");
        var elsewhere = new FakeCaller("c4", "other", "alex", "phone");
        foreach (var caller in new[] { phone, laptop, kim, elsewhere })
            _index.Add(caller);

        Assert.Equal(2, _index.CloseCovered(Revocation.OfSubject("ev", "alex")));
        Assert.Equal(3, _index.CloseCovered(Revocation.OfEvent("ev")));
        Assert.False(elsewhere.Aborted);
        Assert.True(kim.Aborted);
    }

    private static HubInvocationContext Call(HubCallerContext caller) =>
        new(caller, null!, null!, typeof(RevokedConnectionFilterTests).GetMethod(nameof(Call), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, []);

    private sealed class FakeCaller(string connectionId, string eventId, string subject, string deviceId) : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId => connectionId;

        public override string? UserIdentifier => subject;

        public override ClaimsPrincipal? User { get; } = new(new ClaimsIdentity(
        [
            new Claim(VirtualMeetClaims.Subject, subject),
            new Claim(VirtualMeetClaims.EventId, eventId),
            new Claim(VirtualMeetClaims.Device, deviceId),
        ], "test"));

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}

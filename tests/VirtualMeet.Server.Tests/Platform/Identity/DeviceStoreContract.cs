using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Platform.Identity;

/// <summary>What every <see cref="IDeviceStore"/> must do; run against each implementation.</summary>
public abstract class DeviceStoreContract
{
    protected abstract IDeviceStore Store { get; }

    /// <summary>The implementation's part in an event purge.</summary>
    protected abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    private static Device NewDevice(string eventId, string subject, string? deviceId = null) => new(
        eventId, subject, deviceId ?? Guid.NewGuid().ToString("N")[..24], "Firefox on Android", "de", [Roles.Attendee],
        Now, Now, Now.AddDays(14));

    [Fact]
    public async Task AnAddedDeviceReadsBackAndIsListedForItsSubjectOnly()
    {
        var eventId = TestEvents.NewId();
        var mine = NewDevice(eventId, "alex");
        await Store.AddAsync(mine, "hash-1", Ct);
        await Store.AddAsync(NewDevice(eventId, "kim"), "hash-2", Ct);

        var read = await Store.GetAsync(eventId, mine.DeviceId, Ct);
        var listed = await Store.ListAsync(eventId, "alex", Ct);

        Assert.NotNull(read);
        Assert.Equal(mine.Label, read.Label);
        Assert.Equal(mine.Roles, read.Roles);
        Assert.Equal(mine.ExpiresAt, read.ExpiresAt);
        Assert.Equal([mine.DeviceId], listed.Select(d => d.DeviceId));
        Assert.Null(await Store.GetAsync(TestEvents.NewId(), mine.DeviceId, Ct));
    }

    [Fact]
    public async Task ARefreshHashRotatesOnceAndOnlyFromTheCurrentHash()
    {
        var device = NewDevice(TestEvents.NewId(), "alex");
        await Store.AddAsync(device, "first", Ct);
        var renewed = device with { LastUsedAt = Now.AddHours(1) };

        Assert.False(await Store.RotateAsync(renewed, "wrong", "second", Ct));
        Assert.True(await Store.RotateAsync(renewed, "first", "second", Ct));
        Assert.False(await Store.RotateAsync(renewed, "first", "third", Ct));
        Assert.Equal(Now.AddHours(1), (await Store.GetAsync(device.EventId, device.DeviceId, Ct))!.LastUsedAt);
    }

    [Fact]
    public async Task OfManyRefreshesWithOneTokenExactlyOneWins()
    {
        var device = NewDevice(TestEvents.NewId(), "alex");
        await Store.AddAsync(device, "shared", Ct);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.RotateAsync(device, "shared", "new-" + i, Ct)));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task ARemovedDeviceIsGoneAndCannotRotate()
    {
        var device = NewDevice(TestEvents.NewId(), "alex");
        await Store.AddAsync(device, "hash", Ct);

        Assert.True(await Store.RemoveAsync(device.EventId, device.DeviceId, Ct));
        Assert.False(await Store.RemoveAsync(device.EventId, device.DeviceId, Ct));

        Assert.Null(await Store.GetAsync(device.EventId, device.DeviceId, Ct));
        Assert.Empty(await Store.ListAsync(device.EventId, "alex", Ct));
        Assert.False(await Store.RotateAsync(device, "hash", "other", Ct));
    }

    [Fact]
    public async Task ANewSignInCodeReplacesTheOldOne()
    {
        var eventId = TestEvents.NewId();
        var owner = new SignInCodeOwner("alex", "en", [Roles.Attendee]);
        await Store.SetSignInCodeAsync(eventId, owner, "code-1", Ct);
        await Store.SetSignInCodeAsync(eventId, owner, "code-2", Ct);

        Assert.Null(await Store.FindSignInCodeAsync(eventId, "code-1", Ct));
        var found = await Store.FindSignInCodeAsync(eventId, "code-2", Ct);
        Assert.Equal("alex", found?.Subject);
        Assert.Equal("en", found?.Language);
        Assert.Equal([Roles.Attendee], found?.Roles);
        Assert.Null(await Store.FindSignInCodeAsync(TestEvents.NewId(), "code-2", Ct));
    }

    [Fact]
    public async Task RemovingEverythingOfASubjectTakesTheirDevicesAndCodeAndNobodyElses()
    {
        var eventId = TestEvents.NewId();
        var phone = NewDevice(eventId, "alex");
        var laptop = NewDevice(eventId, "alex");
        var other = NewDevice(eventId, "kim");
        foreach (var device in new[] { phone, laptop, other })
            await Store.AddAsync(device, "hash-" + device.DeviceId, Ct);
        await Store.SetSignInCodeAsync(eventId, new SignInCodeOwner("alex", "de", [Roles.Attendee]), "alex-code", Ct);
        await Store.SetSignInCodeAsync(eventId, new SignInCodeOwner("kim", "de", [Roles.Attendee]), "kim-code", Ct);

        var removed = await Store.RemoveAllAsync(eventId, "alex", Ct);

        Assert.Equal(new[] { phone.DeviceId, laptop.DeviceId }.Order(), removed.Order());
        Assert.Empty(await Store.ListAsync(eventId, "alex", Ct));
        Assert.Null(await Store.FindSignInCodeAsync(eventId, "alex-code", Ct));
        Assert.NotNull(await Store.GetAsync(eventId, other.DeviceId, Ct));
        Assert.NotNull(await Store.FindSignInCodeAsync(eventId, "kim-code", Ct));
    }

    [Fact]
    public async Task APurgeRemovesTheEventsDevicesAndCodes()
    {
        var eventId = TestEvents.NewId();
        var device = NewDevice(eventId, "alex");
        await Store.AddAsync(device, "hash", Ct);
        await Store.SetSignInCodeAsync(eventId, new SignInCodeOwner("alex", "de", [Roles.Attendee]), "code", Ct);

        await Purge.PurgeEventAsync(eventId, Ct);

        Assert.Null(await Store.GetAsync(eventId, device.DeviceId, Ct));
        Assert.Empty(await Store.ListAsync(eventId, "alex", Ct));
        Assert.Null(await Store.FindSignInCodeAsync(eventId, "code", Ct));
    }
}

/// <summary>What every <see cref="IRevocationStore"/> must do; run against each implementation.</summary>
public abstract class RevocationStoreContract
{
    protected abstract IRevocationStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    [Fact]
    public async Task NothingIsRevokedUntilARevocationIsAdded()
    {
        Assert.Null(await Store.RevokedUpToAsync(TestEvents.NewId(), "alex", "device", Ct));
    }

    [Fact]
    public async Task ADeviceRevocationCoversThatDeviceOnly()
    {
        var eventId = TestEvents.NewId();
        await Store.AddAsync(Revocation.OfDevice(eventId, "phone"), At, TimeSpan.FromHours(1), Ct);

        Assert.Equal(At, await Store.RevokedUpToAsync(eventId, "alex", "phone", Ct));
        Assert.Null(await Store.RevokedUpToAsync(eventId, "alex", "laptop", Ct));
        Assert.Null(await Store.RevokedUpToAsync(eventId, "alex", null, Ct));
    }

    [Fact]
    public async Task ASubjectRevocationCoversEveryDeviceOfThatSubjectOnly()
    {
        var eventId = TestEvents.NewId();
        await Store.AddAsync(Revocation.OfSubject(eventId, "alex"), At, TimeSpan.FromHours(1), Ct);

        Assert.Equal(At, await Store.RevokedUpToAsync(eventId, "alex", "phone", Ct));
        Assert.Equal(At, await Store.RevokedUpToAsync(eventId, "alex", null, Ct));
        Assert.Null(await Store.RevokedUpToAsync(eventId, "kim", "phone", Ct));
        Assert.Null(await Store.RevokedUpToAsync(TestEvents.NewId(), "alex", "phone", Ct));
    }

    [Fact]
    public async Task AnEventRevocationCoversEveryoneInItAndTheLatestTimeCounts()
    {
        var eventId = TestEvents.NewId();
        await Store.AddAsync(Revocation.OfDevice(eventId, "phone"), At, TimeSpan.FromHours(1), Ct);
        await Store.AddAsync(Revocation.OfEvent(eventId), At.AddMinutes(5), TimeSpan.FromHours(1), Ct);

        Assert.Equal(At.AddMinutes(5), await Store.RevokedUpToAsync(eventId, "alex", "phone", Ct));
        Assert.Equal(At.AddMinutes(5), await Store.RevokedUpToAsync(eventId, "kim", null, Ct));
    }
}

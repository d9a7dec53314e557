using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Sign-in per device: registering signs in the first device and gives the personal sign-in code that signs in
/// more; each device renews its short-lived access token with a refresh token; ending a device, or erasing the
/// person, revokes its tokens and closes its connections on every node.
/// </summary>
internal sealed partial class DeviceSessions(
    IDeviceStore devices,
    TokenIssuer tokens,
    TokenRevocations revocations,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<DeviceSessions> logger)
{
    /// <summary>Signs in the first device of a person who just registered (or was given a token), with a new sign-in code.</summary>
    public async Task<(DeviceTokensResponse Tokens, string SignInCode)> StartAsync(
        string eventId, SignInCodeOwner owner, string label, CancellationToken cancellationToken)
    {
        var signInCode = await RenewSignInCodeAsync(eventId, owner, cancellationToken);
        return (await SignInAsync(eventId, owner, label, cancellationToken), signInCode);
    }

    /// <summary>Signs in another device with a personal sign-in code; <c>null</c> when the code is not (or no longer) valid.</summary>
    public async Task<DeviceTokensResponse?> SignInWithCodeAsync(string eventId, string signInCode, string label, CancellationToken cancellationToken)
    {
        if (SignInSecrets.NormaliseSignInCode(signInCode) is not { } code
            || await devices.FindSignInCodeAsync(eventId, SignInSecrets.Hash(code), cancellationToken) is not { } owner)
        {
            return null;
        }

        return await SignInAsync(eventId, owner, label, cancellationToken);
    }

    /// <summary>A new access token and refresh token for the device the refresh token names; <c>null</c> when it is not valid.</summary>
    public async Task<DeviceTokensResponse?> RefreshAsync(string eventId, string refreshToken, CancellationToken cancellationToken)
    {
        if (!SignInSecrets.TryReadRefreshToken(refreshToken, out var deviceId, out var secret)
            || await devices.GetAsync(eventId, deviceId, cancellationToken) is not { } device)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (device.ExpiresAt <= now)
        {
            await EndAsync(eventId, device.Subject, deviceId, cancellationToken);
            return null;
        }

        var (newToken, newSecret) = SignInSecrets.NewRefreshToken(deviceId);
        var renewed = device with { LastUsedAt = now, ExpiresAt = now + options.Value.RefreshTokenLifetime };
        if (!await devices.RotateAsync(renewed, SignInSecrets.Hash(secret), SignInSecrets.Hash(newSecret), cancellationToken))
            return null;

        return Tokens(renewed, newToken);
    }

    public async Task<IReadOnlyList<Device>> ListAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await devices.ListAsync(eventId, subject, cancellationToken)).Where(d => d.ExpiresAt > now).OrderBy(d => d.SignedInAt)];
    }

    /// <summary>Signs out one device of <paramref name="subject"/>: its refresh token dies, its access tokens and connections are revoked.</summary>
    public async Task<bool> EndAsync(string eventId, string subject, string deviceId, CancellationToken cancellationToken)
    {
        if (await devices.GetAsync(eventId, deviceId, cancellationToken) is not { } device || device.Subject != subject)
            return false;

        await devices.RemoveAsync(eventId, deviceId, cancellationToken);
        await revocations.RevokeAsync(Revocation.OfDevice(eventId, deviceId), cancellationToken);
        LogDeviceEnded(eventId, subject, deviceId);
        return true;
    }

    /// <summary>Signs out every device of <paramref name="subject"/>, forgets their sign-in code and revokes every token they hold (erasure).</summary>
    public async Task EndAllAsync(string eventId, string subject, CancellationToken cancellationToken)
    {
        await devices.RemoveAllAsync(eventId, subject, cancellationToken);
        await revocations.RevokeAsync(Revocation.OfSubject(eventId, subject), cancellationToken);
    }

    /// <summary>A new personal sign-in code for <paramref name="owner"/>; the previous one stops working, devices stay signed in.</summary>
    public async Task<string> RenewSignInCodeAsync(string eventId, SignInCodeOwner owner, CancellationToken cancellationToken)
    {
        var code = SignInSecrets.NewSignInCode();
        await devices.SetSignInCodeAsync(eventId, owner, SignInSecrets.Hash(SignInSecrets.NormaliseSignInCode(code)!), cancellationToken);
        return code;
    }

    private async Task<DeviceTokensResponse> SignInAsync(string eventId, SignInCodeOwner owner, string label, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deviceId = SignInSecrets.NewDeviceId();
        var (refreshToken, secret) = SignInSecrets.NewRefreshToken(deviceId);
        var device = new Device(eventId, owner.Subject, deviceId, label, owner.Language, owner.Roles, now, now,
            now + options.Value.RefreshTokenLifetime);
        await devices.AddAsync(device, SignInSecrets.Hash(secret), cancellationToken);
        LogDeviceSignedIn(eventId, owner.Subject, deviceId);
        return Tokens(device, refreshToken);
    }

    private DeviceTokensResponse Tokens(Device device, string refreshToken)
    {
        var access = device.Roles.SequenceEqual([Roles.Attendee]) && device.Language is { } language
            ? tokens.IssueAttendee(device.EventId, device.Subject, language, device.DeviceId)
            : tokens.IssuePerson(device.EventId, device.Subject, device.Roles, device.DeviceId);
        return new DeviceTokensResponse(device.Subject, device.DeviceId, access.AccessToken, access.ExpiresAt, refreshToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of {Subject} signed in to event {EventId}")]
    private partial void LogDeviceSignedIn(string eventId, string subject, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of {Subject} in event {EventId} signed out")]
    private partial void LogDeviceEnded(string eventId, string subject, string deviceId);
}

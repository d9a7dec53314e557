namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// A signed-in device of an attendee or person: one browser's sign-in, renewed by its refresh token until it is
/// ended or unused for <see cref="AuthOptions.RefreshTokenLifetime"/>.
/// </summary>
/// <param name="Roles">The roles its tokens carry, fixed when it signed in.</param>
public sealed record Device(
    string EventId,
    string Subject,
    string DeviceId,
    string Label,
    string? Language,
    IReadOnlyList<string> Roles,
    DateTimeOffset SignedInAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt);

/// <summary>Whose a personal sign-in code is, and what the tokens of a device signed in with it carry.</summary>
public sealed record SignInCodeOwner(string Subject, string? Language, IReadOnlyList<string> Roles);

/// <summary>
/// Signed-in devices and personal sign-in codes of an event. Refresh tokens and codes are stored as SHA-256 hashes
/// only: whoever reads the store cannot sign in with what it holds.
/// </summary>
public interface IDeviceStore
{
    Task AddAsync(Device device, string refreshHash, CancellationToken cancellationToken);

    Task<Device?> GetAsync(string eventId, string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListAsync(string eventId, string subject, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the refresh hash, only if it still is <paramref name="expectedHash"/>, and stores
    /// <paramref name="renewed"/>: of two refreshes with one token exactly one succeeds.
    /// </summary>
    Task<bool> RotateAsync(Device renewed, string expectedHash, string newHash, CancellationToken cancellationToken);

    /// <summary>Removes the device; <c>false</c> when there was none.</summary>
    Task<bool> RemoveAsync(string eventId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Removes every device of <paramref name="subject"/> and their sign-in code; answers the removed device ids.</summary>
    Task<IReadOnlyList<string>> RemoveAllAsync(string eventId, string subject, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="codeHash"/> the owner's only sign-in code; the previous one stops working.</summary>
    Task SetSignInCodeAsync(string eventId, SignInCodeOwner owner, string codeHash, CancellationToken cancellationToken);

    Task<SignInCodeOwner?> FindSignInCodeAsync(string eventId, string codeHash, CancellationToken cancellationToken);
}

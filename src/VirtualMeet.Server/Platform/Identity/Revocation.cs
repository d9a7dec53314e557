namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Tokens that stop working: every token of an event (its purge), of one person in it (their erasure), or of one of
/// their signed-in devices (ending that device).
/// </summary>
public sealed record Revocation(string EventId, string? Subject = null, string? DeviceId = null)
{
    public static Revocation OfEvent(string eventId) => new(eventId);

    public static Revocation OfSubject(string eventId, string subject) => new(eventId, subject);

    public static Revocation OfDevice(string eventId, string deviceId) => new(eventId, DeviceId: deviceId);

    /// <summary>Whether a token of <paramref name="subject"/> on <paramref name="deviceId"/> in <paramref name="eventId"/> falls under it.</summary>
    public bool Covers(string eventId, string subject, string? deviceId) =>
        string.Equals(EventId, eventId, StringComparison.Ordinal)
        && (Subject is null || string.Equals(Subject, subject, StringComparison.Ordinal))
        && (DeviceId is null || string.Equals(DeviceId, deviceId, StringComparison.Ordinal));
}

/// <summary>
/// The revocations still relevant: each is kept as long as a token it covers could still be valid, so the list stays
/// as small as the tokens are short-lived.
/// </summary>
public interface IRevocationStore
{
    /// <summary>Tokens under <paramref name="revocation"/> issued up to <paramref name="at"/> are void; the entry is kept for <paramref name="keepFor"/>.</summary>
    Task AddAsync(Revocation revocation, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>The latest time up to which tokens of this event, subject and device are revoked, if any.</summary>
    Task<DateTimeOffset?> RevokedUpToAsync(string eventId, string subject, string? deviceId, CancellationToken cancellationToken);
}

/// <summary>
/// The open hub connections of every node. Revoking closes the ones a revocation covers, on this node at once and on
/// the others as soon as the message reaches them.
/// </summary>
public interface ILiveConnections
{
    Task CloseAsync(Revocation revocation, CancellationToken cancellationToken);
}

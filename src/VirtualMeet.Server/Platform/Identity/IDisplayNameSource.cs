namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Where the features keep a caller's display name (the registration, the event's people). Tokens carry ids only:
/// browsers send them in the query string of hub requests, where proxies and logs see them, so a token must reveal
/// no name. <see cref="DisplayNameClaims"/> asks the sources once per authenticated request.
/// </summary>
public interface IDisplayNameSource
{
    /// <summary>The name <paramref name="subject"/> has in the event, or <c>null</c> when this source does not know them.</summary>
    Task<string?> FindAsync(string eventId, string subject, CancellationToken cancellationToken);
}

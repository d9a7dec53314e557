using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>Token issuing and validation. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Fixed key used only in the Development environment when no key is configured, so a fresh clone runs.
    /// Never valid elsewhere: start-up refuses a missing key outside Development.
    /// </summary>
    internal const string DevelopmentSigningKey = "virtualmeet-development-signing-key-not-for-production-use";

    /// <summary>HS256 key for tokens the server issues; at least 32 bytes (UTF-8).</summary>
    public string? SigningKey { get; set; }

    /// <summary>Shared secret exchanged for an organizer token at <c>POST /api/auth/organizer</c>; unset disables it.</summary>
    public string? OrganizerKey { get; set; }

    /// <summary>Optional external OpenID Connect authority whose organizer tokens are accepted as well.</summary>
    public string? Authority { get; set; }

    /// <summary>Audience expected in tokens of the external authority; required with <see cref="Authority"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries roles in the authority's tokens, e.g. <c>roles</c> for Microsoft Entra ID app roles.</summary>
    public string RoleClaim { get; set; } = VirtualMeetClaims.Role;

    /// <summary>Whether the authority's discovery document and keys must come over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// How long fetching the authority's discovery document or keys may take. While the authority does not answer, each
    /// external token waits this long before it is refused (the library's own default is a minute).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string Issuer { get; set; } = "virtualmeet";

    /// <summary>
    /// Lifetime of attendees' and people's access tokens. Short, because a token is checked against revocations but
    /// a copy in a proxy log stays usable until it expires; the web client renews it with its refresh token.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of organizer tokens, which have no refresh token: one signs in again with the key after a day's work.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan OrganizerTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a device stays signed in without being used; every refresh starts it again.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How often each node checks its open hub connections against the stored revocations. Revocations reach the
    /// nodes at once over the backplane; this sweep catches one that a node missed (pub/sub delivers at most once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RevocationSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Fills in the development key and refuses to start without a usable key elsewhere.</summary>
internal sealed class AuthOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    private const int MinimumKeyBytes = 32;

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey) && environment.IsDevelopment())
            options.SigningKey = AuthOptions.DevelopmentSigningKey;
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return ValidateOptionsResult.Fail(
                $"Auth:SigningKey is not configured. The server signs its access tokens with it (HS256); outside the " +
                $"Development environment it must be set, e.g. with the environment variable Auth__SigningKey " +
                $"(at least {MinimumKeyBytes} bytes).");
        }

        if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
            return ValidateOptionsResult.Fail($"Auth:SigningKey is too short: HS256 needs at least {MinimumKeyBytes} bytes.");

        return options.Authority is { Length: > 0 } authority ? ValidateAuthority(authority, options) : ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidateAuthority(string authority, AuthOptions options)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri))
            return ValidateOptionsResult.Fail($"Auth:Authority '{authority}' is not an absolute URI.");

        // The authority issues tokens for all its applications; the audience marks those meant for VirtualMeet.
        if (string.IsNullOrEmpty(options.Audience))
            return ValidateOptionsResult.Fail("Auth:Audience is required with Auth:Authority: the audience the authority puts into tokens for VirtualMeet.");

        // Whoever can change the discovery document on the wire chooses the keys organizer tokens are checked with.
        // So plain http is a deliberate setting, never implied by the URL.
        if (options.RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail(
                $"Auth:Authority '{authority}' is not HTTPS, so its signing keys could be replaced on the way. Use HTTPS, or set " +
                "Auth:RequireHttpsMetadata=false for development or an authority on a trusted network.");
        }

        if (string.IsNullOrEmpty(options.RoleClaim))
            return ValidateOptionsResult.Fail("Auth:RoleClaim must name the claim that carries roles in the authority's tokens.");

        return ValidateOptionsResult.Success;
    }
}

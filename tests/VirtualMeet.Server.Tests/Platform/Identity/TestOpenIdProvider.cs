using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Tests.Platform.Identity;

/// <summary>
/// A real OpenID Connect authority for tests: Kestrel on a free loopback port (plain http) serving a discovery
/// document and a JWKS with an RSA key made here, and RS256 access tokens signed with that key.
/// </summary>
internal sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string KeyId = "test-signing-key";

    /// <summary>The audience VirtualMeet is configured with (<c>Auth:Audience</c>).</summary>
    public const string Audience = "virtualmeet-api";

    private readonly RSA _key = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();
    private WebApplication? _app;

    /// <summary>The authority's URL, which is also its issuer.</summary>
    public string Issuer { get; private set; } = "";

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var provider = new TestOpenIdProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { provider.PublicJwk() } }));
        await app.StartAsync(TestContext.Current.CancellationToken);

        provider._app = app;
        provider.Issuer = app.Urls.First().TrimEnd('/');
        return provider;
    }

    /// <summary>Node settings that trust this authority.</summary>
    public Dictionary<string, string?> NodeSettings() => new()
    {
        ["Auth:Authority"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };

    /// <summary>
    /// An access token as the authority issues it: <paramref name="claims"/> plus <c>iss</c>, <c>aud</c> and
    /// lifetime. The optional arguments forge what the tests refuse.
    /// </summary>
    public string Issue(
        IReadOnlyDictionary<string, object> claims,
        string? audience = Audience,
        string? issuer = null,
        RSA? signingKey = null,
        bool expired = false)
    {
        var now = DateTime.UtcNow;
        var notBefore = expired ? now.AddHours(-2) : now.AddMinutes(-1);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims.ToDictionary(c => c.Key, c => c.Value),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expired ? now.AddHours(-1) : now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey ?? _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public static Dictionary<string, object> Organizer(string subject = "staff-7") => new()
    {
        [VirtualMeetClaims.Subject] = subject,
        [VirtualMeetClaims.Name] = "Olga Organizer",
        [VirtualMeetClaims.Role] = new[] { Roles.Organizer },
    };

    private object PublicJwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = SecurityAlgorithms.RsaSha256,
            kid = KeyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _key.Dispose();
    }
}

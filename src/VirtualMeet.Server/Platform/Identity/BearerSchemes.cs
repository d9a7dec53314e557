using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VirtualMeet.Contracts;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// The default scheme <see cref="Default"/> only forwards: a token whose issuer is the server's own goes to
/// <see cref="Own"/>, any other to <see cref="Authority"/> when <c>Auth:Authority</c> is set.
/// </summary>
/// <remarks>
/// One JwtBearer scheme with both the own key and an authority does accept both kinds of tokens (the token handler
/// consults the discovered issuer and keys besides the configured ones), but it mixes them: the authority's keys
/// then vouch for the server's issuer, the server's audience passes in external tokens, and every validation, of
/// the server's own tokens too, first waits for the authority's discovery document (up to the backchannel timeout
/// of a minute while the authority does not answer). Two schemes bind each issuer to its keys and audience.
/// </remarks>
internal static class BearerSchemes
{
    public const string Default = JwtBearerDefaults.AuthenticationScheme;
    public const string Own = "VirtualMeet";
    public const string Authority = "Authority";

    private static readonly JsonWebTokenHandler Reader = new();

    public static string Select(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (string.IsNullOrEmpty(settings.Authority) || TokenOf(context.Request) is not { } token)
            return Own;

        // Read without validation, only to choose: the chosen scheme validates issuer, signature and audience.
        return IssuerOf(token) is { } issuer && !string.Equals(issuer, settings.Issuer, StringComparison.Ordinal) ? Authority : Own;
    }

    /// <summary>
    /// The request's bearer token: on hub paths the <c>access_token</c> query parameter (browsers cannot set headers
    /// on WebSocket requests), else the <c>Authorization</c> header.
    /// </summary>
    public static string? TokenOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments(HubRoutes.Prefix) && request.Query["access_token"].ToString() is { Length: > 0 } query)
            return query;

        const string prefix = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header[prefix.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    private static string? IssuerOf(string token)
    {
        if (!Reader.CanReadToken(token))
            return null;
        try
        {
            return Reader.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception error) when (error is ArgumentException or SecurityTokenException)
        {
            // Malformed: the own scheme refuses it like any other unreadable token.
            return null;
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Hosting.Problems;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Configures the two bearer schemes of <see cref="BearerSchemes"/>. Reads <see cref="AuthOptions"/> when a handler
/// first needs them, so validation messages (not a null key) are what a misconfigured start-up reports.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        var settings = auth.Value;
        switch (name)
        {
            case BearerSchemes.Own:
                ConfigureCommon(options, VirtualMeetClaims.Role);
                options.TokenValidationParameters.ValidIssuer = settings.Issuer;
                options.TokenValidationParameters.ValidAudience = settings.Issuer;
                options.TokenValidationParameters.IssuerSigningKey = TokenIssuer.KeyFrom(settings);
                options.Events.OnTokenValidated = RefuseRevoked;
                options.Events.OnChallenge = ExplainRevoked;
                break;
            case BearerSchemes.Authority when settings.Authority is { Length: > 0 } authority:
                ConfigureCommon(options, settings.RoleClaim);
                // Issuer and signing keys come from the authority's discovery document only.
                options.Authority = authority;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.BackchannelTimeout = settings.MetadataTimeout;
                options.TokenValidationParameters.ValidAudience = settings.Audience;
                options.Events.OnTokenValidated = context => AdmitOrganizersOnly(context, settings.RoleClaim);
                break;
        }
    }

    private void ConfigureCommon(JwtBearerOptions options, string roleClaim)
    {
        options.MapInboundClaims = false;
        options.TimeProvider = time;
        var parameters = options.TokenValidationParameters;
        parameters.NameClaimType = VirtualMeetClaims.Name;
        parameters.RoleClaimType = roleClaim;
        parameters.ClockSkew = ClockSkew;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token = BearerSchemes.TokenOf(context.Request);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// A signature proves who issued a token, not that it still counts: an erased attendee's, an ended device's or a
    /// purged event's token is refused here, on every REST request and every hub connect.
    /// </summary>
    private static async Task RefuseRevoked(TokenValidatedContext context)
    {
        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
        if (await revocations.IsRevokedAsync(context.Principal!, context.HttpContext.RequestAborted))
            context.Fail(new RevokedTokenException());
    }

    /// <summary>A revoked token's 401 says why, so a client can tell "signed out" from "token malformed".</summary>
    private static async Task ExplainRevoked(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is not RevokedTokenException revoked)
            return;

        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The token was revoked\"";
        await ProblemResponses.Unauthorized(revoked.Message).ExecuteAsync(context.HttpContext);
    }

    /// <summary>
    /// An attendee of VirtualMeet is a registration: a record (display name, language, interests, erasure) made by
    /// <c>POST /api/events/{eventId}/registrations</c>, bound to one event by the server's token. An authority knows
    /// neither, so its attendee tokens would open the stage but no seat, no matchmaking and no profile. External
    /// tokens therefore sign in organizers only; attendees register (anonymously, like everyone) and use the
    /// server's token.
    /// </summary>
    /// <remarks>
    /// The authority's organizers stay what they were before named organizer accounts: administrators of every event,
    /// under their own subject (which the audit log names). They need no account here.
    /// </remarks>
    private static Task AdmitOrganizersOnly(TokenValidatedContext context, string roleClaim)
    {
        var user = context.Principal!;
        if (user.UserId() is null || !user.IsInRole(Roles.Organizer))
        {
            context.Fail($"Tokens of Auth:Authority are accepted for organizers only: they need a '{VirtualMeetClaims.Subject}' claim " +
                $"and the role '{Roles.Organizer}'. Attendees register at POST /api/events/{{eventId}}/registrations.");
        }
        else if (user.Identity is ClaimsIdentity identity && !user.IsInRole(Roles.Administrator))
        {
            identity.AddClaim(new Claim(roleClaim, Roles.Administrator));
        }

        return Task.CompletedTask;
    }
}

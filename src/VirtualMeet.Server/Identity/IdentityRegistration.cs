using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Identity;

/// <summary>JWT bearer authentication (own HS256 tokens, optionally an external OIDC authority), roles and SignalR user ids.</summary>
internal static class IdentityRegistration
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AuthOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// Authentication and authorization placed explicitly (instead of the host's implicit ones), after the
    /// problem-details middleware, so a 401/403 they produce gets a problem body.
    /// </summary>
    public static WebApplication UseIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Reads <see cref="AuthOptions"/> when the handler first needs them, so validation messages (not a null key)
    /// are what a misconfigured start-up reports.
    /// </summary>
    private sealed class JwtBearerSetup(IOptions<AuthOptions> auth, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
                return;

            var settings = auth.Value;
            options.MapInboundClaims = false;
            options.TimeProvider = time;
            var parameters = options.TokenValidationParameters;
            parameters.NameClaimType = VirtualMeetClaims.Name;
            parameters.RoleClaimType = VirtualMeetClaims.Role;
            parameters.ValidIssuers = [settings.Issuer];
            parameters.ValidAudiences = settings.Audience is { Length: > 0 } audience ? [settings.Issuer, audience] : [settings.Issuer];
            parameters.IssuerSigningKeys = [TokenIssuer.KeyFrom(settings)];
            parameters.ClockSkew = TimeSpan.FromSeconds(30);

            // With an authority the handler adds its discovered issuer and keys to the ones above, so both the
            // external tokens and the server's own registration tokens stay valid.
            if (settings.Authority is { Length: > 0 } authority)
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            }

            // Browsers cannot set headers on WebSocket requests: hubs take the token from the query string.
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubRoutes.Prefix))
                        context.Token = token;
                    return Task.CompletedTask;
                },
            };
        }
    }
}

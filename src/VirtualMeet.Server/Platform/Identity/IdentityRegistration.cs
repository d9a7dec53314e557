using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>JWT bearer authentication (own HS256 tokens, optionally an external OIDC authority's organizer tokens), roles and SignalR user ids.</summary>
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
        services.AddSingleton<TokenRevocations>();
        services.AddSingleton<DeviceSessions>();
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<IClaimsTransformation, DisplayNameClaims>();

        services.AddAuthentication(BearerSchemes.Default)
            .AddPolicyScheme(BearerSchemes.Default, displayName: null, options => options.ForwardDefaultSelector = BearerSchemes.Select)
            .AddJwtBearer(BearerSchemes.Own)
            .AddJwtBearer(BearerSchemes.Authority);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, EventScopeHandler>();
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
}

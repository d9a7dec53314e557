using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Per-endpoint body limits taken from <see cref="RequestLimitsOptions"/>.</summary>
internal static class RequestBodyLimits
{
    /// <summary>
    /// Every API endpoint without a limit of its own reads at most <see cref="RequestLimitsOptions.MaxBodyBytes"/>
    /// (instead of Kestrel's 30 MB), so an endpoint added later is bounded too. Runs after routing has chosen the
    /// endpoint. Hub paths keep SignalR's own bound (<c>Realtime:MaximumReceiveMessageSize</c> per message).
    /// </summary>
    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            {
                body.MaxRequestBodySize = limits.MaxBodyBytes;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Caps the body of the endpoint at <paramref name="limit"/> of the configured limits. Routing applies the
    /// metadata before the body is read, so Kestrel refuses a larger body (declared or streamed) with a 413, which the
    /// problem responses turn into a problem with code <c>invalid_argument</c>.
    /// </summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, Func<RequestLimitsOptions, long> limit)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var options = endpoint.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
            endpoint.Metadata.Add(new RequestSizeLimitAttribute(limit(options)));
        });
        return builder;
    }
}

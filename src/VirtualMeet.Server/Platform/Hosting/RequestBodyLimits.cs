using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Per-endpoint body limits taken from <see cref="RequestLimitsOptions"/>.</summary>
internal static class RequestBodyLimits
{
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

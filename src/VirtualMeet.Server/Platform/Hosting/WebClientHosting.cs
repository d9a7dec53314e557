using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>
/// Serves the web client (built from src/VirtualMeet.Web into wwwroot) same-origin at <c>/</c>, so hubs and REST need
/// no CORS and tokens never leave the origin.
/// </summary>
internal static class WebClientHosting
{
    // The modules are not content-hashed, so browsers revalidate every file (ETag → 304) instead of running a stale
    // page against a newer server.
    private const string Revalidate = "no-cache";

    // The page itself loads only its own files; media and embedded players come from the organiser's streaming service.
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss: http: https:; img-src 'self' data: blob:; " +
        "media-src 'self' http: https: blob:; frame-src http: https:; worker-src 'self' blob:; style-src 'self'; " +
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = Revalidate;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        return app;
    }
}

using Microsoft.AspNetCore.Diagnostics;

namespace VirtualMeet.Server.Platform.Hosting.Problems;

/// <summary>Makes every REST error, including the framework's own 401/403/404 and unhandled exceptions, a problem with a code.</summary>
internal static class ProblemResponsesRegistration
{
    public static WebApplicationBuilder AddProblemResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd(ProblemResponses.CodeExtension, ProblemResponses.CodeFor(status));
            problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<RefusalExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Exception handler for unhandled errors plus status-code pages, so that bare 401/403/404/405 answers
    /// (authentication, authorization, routing) get a problem body too. Hub requests are left alone.
    /// </summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Malformed bodies (bad JSON, wrong content type) surface as <see cref="BadHttpRequestException"/>;
    /// they are the client's fault and must not be logged or answered as server errors.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
                return false;

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            });
        }
    }
}

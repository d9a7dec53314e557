using Microsoft.AspNetCore.Diagnostics;
using Polly.Timeout;
using StackExchange.Redis;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Platform.Hosting.Problems;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Redis being unreachable is an outage, not a bug: REST answers 503 with code <c>unavailable</c> so clients retry,
/// instead of a 500, and so is a store call that Redis did not answer within <c>Storage:Redis:CommandTimeout</c>
/// (<see cref="TimeoutRejectedException"/>, see <see cref="RedisStoreResilience"/>). Lives here so that no
/// StackExchange.Redis type leaks out of the Redis folder.
/// </summary>
internal sealed partial class RedisUnavailableExceptionHandler(
    IProblemDetailsService problems,
    ILogger<RedisUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisConnectionException or RedisTimeoutException or TimeoutRejectedException))
            return false;

        LogUnavailable(exception, httpContext.Request.Path.Value ?? "");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "The conference store cannot be reached right now; retry shortly.",
                Extensions = { [ProblemResponses.CodeExtension] = ErrorCodes.Unavailable },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable while serving {Path}")]
    private partial void LogUnavailable(Exception exception, string path);
}

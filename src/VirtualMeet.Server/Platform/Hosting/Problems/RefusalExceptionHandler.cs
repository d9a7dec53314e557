using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Hosting.Problems;

/// <summary>
/// A <see cref="Refusal"/> that leaves an endpoint answers as the problem the endpoint would have returned itself:
/// the status of its code (<see cref="ProblemResponses.StatusFor"/>), the code, the message as detail. It is the
/// caller's doing, so it is neither logged nor answered as a server error.
/// </summary>
internal sealed class RefusalExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Refusal refusal)
            return false;

        if (refusal.RetryAfter is { } retryAfter)
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        // The same result an endpoint returns, so both ways of refusing look alike on the wire, down to the fallback
        // to plain JSON when the request accepts no problem JSON (e.g. Accept: text/csv).
        await ProblemResponses.Problem(ProblemResponses.StatusFor(refusal.Code), refusal.Code, refusal.Message).ExecuteAsync(httpContext);
        return true;
    }
}

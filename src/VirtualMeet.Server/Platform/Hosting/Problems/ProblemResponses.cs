using Microsoft.AspNetCore.Http.HttpResults;
using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Platform.Hosting.Problems;

/// <summary>
/// RFC 7807 answers for endpoints. Every problem carries a stable <c>code</c> extension from
/// <see cref="ErrorCodes"/> so clients never have to parse titles or details.
/// </summary>
internal static class ProblemResponses
{
    public const string CodeExtension = "code";

    /// <summary>How many validation errors a 400 left out of <c>errors</c> (present only when some were).</summary>
    public const string ErrorsOmittedExtension = "errorsOmitted";

    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, ErrorCodes.Conflict, detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, detail);

    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            extensions: new Dictionary<string, object?> { [CodeExtension] = code });

    /// <summary>A 400 with one message list per JSON path, e.g. <c>sessions[2].endsAt</c>.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(
            errors,
            detail: detail ?? "The request is invalid; see errors.",
            extensions: new Dictionary<string, object?> { [CodeExtension] = ErrorCodes.InvalidArgument });

    /// <summary>
    /// A 400 with the kept errors of <paramref name="errors"/>; when some were left out, the extension
    /// <c>errorsOmitted</c> counts them.
    /// </summary>
    public static ValidationProblem Invalid(ValidationErrors errors, string? detail = null)
    {
        var extensions = new Dictionary<string, object?> { [CodeExtension] = ErrorCodes.InvalidArgument };
        if (errors.Omitted > 0)
            extensions[ErrorsOmittedExtension] = errors.Omitted;
        return TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: detail ?? (errors.Omitted > 0
                ? $"The request is invalid; see errors (the first {errors.Limit} of {errors.Count})."
                : "The request is invalid; see errors."),
            extensions: extensions);
    }

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The status a refusal with <paramref name="code"/> answers with; the codes of a conflict in state share 409.</summary>
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The code a problem gets when nothing more specific set one.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.InvalidArgument,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.InvalidArgument,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.InvalidArgument,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => ErrorCodes.Internal,
    };
}

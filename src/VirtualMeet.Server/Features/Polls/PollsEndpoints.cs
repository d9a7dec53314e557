using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Poll management (moderators of the event, organizers) and results for everyone who may see them.</summary>
internal static class PollsEndpoints
{
    public static IEndpointRouteBuilder MapPollsEndpoints(this IEndpointRouteBuilder app)
    {
        var polls = app.MapGroup("/api/events/{eventId}/polls").WithTags("Polls").RequireAuthorization();
        polls.MapPost("/", Create).WithSummary("Creates a poll in draft (moderator, organizer).");
        polls.MapGet("/", List).WithSummary("Polls of the event; drafts only for moderators and organizers.");
        polls.MapGet("/{pollId}", Get).WithSummary("One poll with its results when visible to the caller.");
        polls.MapPost("/{pollId}/open", Open).WithSummary("Opens a draft poll for votes (moderator, organizer).");
        polls.MapPost("/{pollId}/close", Close).WithSummary("Closes an open poll; idempotent (moderator, organizer).");
        polls.MapGet("/{pollId}/results", Results)
            .WithSummary("Results as JSON, or CSV with 'Accept: text/csv'; 'top' limits word-cloud answers.");
        return app;
    }

    public static IEndpointRouteBuilder MapPollsHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<PollsHub>(Contracts.HubRoutes.Polls);
        return app;
    }

    private static Task<IResult> Create(string eventId, CreatePollRequest request, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: true, async () =>
        {
            var (state, errors) = await polls.CreateAsync(eventId, request, cancellationToken);
            return state is null
                ? ProblemResponses.Invalid(errors)
                : TypedResults.Created($"/api/events/{eventId}/polls/{state.Poll.Id}", state);
        });

    private static Task<IResult> List(string eventId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: false, async () => TypedResults.Ok(await polls.ListAsync(eventId, IsManager(user, eventId), cancellationToken)));

    private static Task<IResult> Get(string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: false, async () => TypedResults.Ok(await polls.GetAsync(eventId, pollId, IsManager(user, eventId), cancellationToken)));

    private static Task<IResult> Open(string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: true, async () => TypedResults.Ok(await polls.OpenAsync(eventId, pollId, cancellationToken)));

    private static Task<IResult> Close(string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: true, async () => TypedResults.Ok(await polls.CloseAsync(eventId, pollId, cancellationToken)));

    private static Task<IResult> Results(
        string eventId, string pollId, int? top, HttpRequest request, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken) =>
        Run(user, eventId, manage: false, async () =>
        {
            if (top is < 1 or > 1000)
                return ProblemResponses.Invalid("top", "top lies between 1 and 1000.");
            var (poll, results) = await polls.ResultsAsync(eventId, pollId, IsManager(user, eventId), top, cancellationToken);
            if (!WantsCsv(request))
                return TypedResults.Ok(results);
            var language = user.FindFirstValue(VirtualMeetClaims.Language) ?? "en";
            return TypedResults.Text(PollViews.Csv(poll, results, language), "text/csv; charset=utf-8");
        });

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>Organizers manage every event; moderators the events their token belongs to.</summary>
    private static bool IsManager(ClaimsPrincipal user, string eventId) =>
        user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Moderator) && user.BelongsTo(eventId);

    private static async Task<IResult> Run(ClaimsPrincipal user, string eventId, bool manage, Func<Task<IResult>> handler)
    {
        if (manage && !IsManager(user, eventId))
            return ProblemResponses.Forbidden("Only moderators of this event and organizers manage polls.");
        if (!manage && !user.IsInRole(Roles.Organizer) && !user.BelongsTo(eventId))
            return ProblemResponses.Forbidden($"The token was not issued for event '{eventId}'.");

        try
        {
            return await handler();
        }
        catch (PollRejection rejection)
        {
            return ProblemResponses.Problem(StatusOf(rejection.Code), rejection.Code, rejection.Message);
        }
    }

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.InvalidArgument => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };
}

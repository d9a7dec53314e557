using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Poll management (moderators of the event, organizers) and results for everyone who may see them.</summary>
internal static class PollsEndpoints
{
    public static IEndpointRouteBuilder MapPollsEndpoints(this IEndpointRouteBuilder app)
    {
        // Refusals (of the caller checks below and of PollService) answer as problems: 403, 404, and 409 for a poll in
        // the wrong state. The OpenAPI document learns them here, since they leave the handlers as exceptions.
        var polls = app.MapGroup("/api/events/{eventId}/polls").WithTags("Polls").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        polls.MapPost("/", Create).WithSummary("Creates a poll in draft (moderator, organizer).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        polls.MapGet("/", List).WithSummary("Polls of the event; drafts only for moderators and organizers.");
        polls.MapGet("/{pollId}", Get).WithSummary("One poll with its results when visible to the caller.");
        polls.MapPost("/{pollId}/open", Open).WithSummary("Opens a draft poll for votes (moderator, organizer).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        polls.MapPost("/{pollId}/close", Close).WithSummary("Closes an open poll; idempotent (moderator, organizer).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        polls.MapGet("/{pollId}/results", Results)
            .WithSummary("Results as JSON, or CSV with 'Accept: text/csv'; 'top' limits word-cloud answers.");
        return app;
    }

    public static IEndpointRouteBuilder MapPollsHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<PollsHub>(Contracts.HubRoutes.Polls);
        return app;
    }

    private static async Task<Results<Created<PollState>, ValidationProblem>> Create(
        string eventId, CreatePollRequest request, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireManager(user, eventId);
        var (state, errors) = await polls.CreateAsync(eventId, request, AuditActor.From(user), cancellationToken);
        return state is null
            ? ProblemResponses.Invalid(errors)
            : TypedResults.Created($"/api/events/{eventId}/polls/{state.Poll.Id}", state);
    }

    private static async Task<Ok<IReadOnlyList<PollState>>> List(
        string eventId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireReader(user, eventId);
        return TypedResults.Ok(await polls.ListAsync(eventId, IsManager(user, eventId), cancellationToken));
    }

    private static async Task<Ok<PollState>> Get(
        string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireReader(user, eventId);
        return TypedResults.Ok(await polls.GetAsync(eventId, pollId, IsManager(user, eventId), cancellationToken));
    }

    private static async Task<Ok<PollState>> Open(
        string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireManager(user, eventId);
        return TypedResults.Ok(await polls.OpenAsync(eventId, pollId, AuditActor.From(user), cancellationToken));
    }

    private static async Task<Ok<PollState>> Close(
        string eventId, string pollId, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireManager(user, eventId);
        return TypedResults.Ok(await polls.CloseAsync(eventId, pollId, AuditActor.From(user), cancellationToken));
    }

    private static async Task<Results<Ok<PollResultsView>, ContentHttpResult, ValidationProblem>> Results(
        string eventId, string pollId, int? top, HttpRequest request, ClaimsPrincipal user, PollService polls, CancellationToken cancellationToken)
    {
        RequireReader(user, eventId);
        if (top is < 1 or > 1000)
            return ProblemResponses.Invalid("top", "top lies between 1 and 1000.");
        var (poll, results) = await polls.ResultsAsync(eventId, pollId, IsManager(user, eventId), top, cancellationToken);
        if (!WantsCsv(request))
            return TypedResults.Ok(results);
        var language = user.FindFirstValue(VirtualMeetClaims.Language) ?? "en";
        return TypedResults.Text(PollViews.Csv(poll, results, language), "text/csv; charset=utf-8");
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>Organizers manage the events they organize; moderators (of sessions or the team) the events their token belongs to.</summary>
    private static bool IsManager(ClaimsPrincipal user, string eventId) =>
        user.Organizes(eventId) || user.IsInRole(Roles.Moderator) && user.BelongsTo(eventId);

    private static void RequireManager(ClaimsPrincipal user, string eventId)
    {
        if (!IsManager(user, eventId))
            throw Refusal.Forbidden("Only moderators of this event and organizers manage polls.");
    }

    private static void RequireReader(ClaimsPrincipal user, string eventId)
    {
        if (!user.Organizes(eventId) && !user.BelongsTo(eventId))
            throw Refusal.NotThisEvent(eventId);
    }
}

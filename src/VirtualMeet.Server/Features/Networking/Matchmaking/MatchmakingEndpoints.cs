using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Matchmaking for participants of the event; the export for organizers.</summary>
internal static class MatchmakingEndpoints
{
    public static IEndpointRouteBuilder MapMatchmakingEndpoints(this IEndpointRouteBuilder app)
    {
        // Refusals (of the caller checks below and of MatchmakingService) answer as problems: 403, 404, and 400 or 409
        // where a request or a meeting's state is refused. The OpenAPI document learns them here, since they leave
        // the handlers as exceptions.
        var group = app.MapGroup("/api/events/{eventId}/matchmaking").WithTags("Matchmaking").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/profile", SaveProfile).WithSummary("Takes part in matchmaking: interests (default: from registration), offers, seeks.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/profile", GetProfile).WithSummary("The caller's matchmaking profile.");
        group.MapGet("/suggestions", Suggestions).WithSummary("People to meet, mutual matches first, then by overlap.");
        group.MapGet("/slots", Slots).WithSummary("The matchmaking window's slots and which of them the caller has booked.");
        group.MapGet("/meetings", Meetings).WithSummary("The caller's meetings.");
        group.MapPost("/meetings", Request).WithSummary("Asks someone for a meeting in a slot; reserves the slot for both.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/meetings/{meetingId}/accept", Accept).WithSummary("The invitee accepts.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/meetings/{meetingId}/decline", Decline).WithSummary("The invitee declines; frees the slot.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/meetings/{meetingId}/cancel", Cancel).WithSummary("Either side cancels; frees the slot.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/export", Export).WithSummary("Organizer: participants and held meetings; JSON, or CSV with 'Accept: text/csv'.");
        return app;
    }

    private static async Task<Ok<MatchmakingProfileView>> SaveProfile(
        string eventId, MatchmakingProfileRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken)
    {
        var me = Participant(user, eventId);
        var name = user.FindFirstValue(VirtualMeetClaims.Name) ?? me;
        return TypedResults.Ok(await matchmaking.SaveProfileAsync(eventId, me, name, request, cancellationToken));
    }

    private static async Task<Ok<MatchmakingProfileView>> GetProfile(
        string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.GetProfileAsync(eventId, Participant(user, eventId), cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<MatchSuggestion>>, ValidationProblem>> Suggestions(
        string eventId, int? limit, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        limit is < 1
            ? ProblemResponses.Invalid("limit", "limit is at least 1.")
            : TypedResults.Ok(await matchmaking.SuggestionsAsync(eventId, Participant(user, eventId), limit, cancellationToken));

    private static async Task<Ok<MatchmakingSlotsView>> Slots(
        string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.SlotsAsync(eventId, Participant(user, eventId), cancellationToken));

    private static async Task<Ok<IReadOnlyList<MeetingView>>> Meetings(
        string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.MeetingsAsync(eventId, Participant(user, eventId), cancellationToken));

    private static async Task<Created<MeetingView>> Request(
        string eventId, MeetingRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken)
    {
        var meeting = await matchmaking.RequestAsync(eventId, Participant(user, eventId), request, cancellationToken);
        return TypedResults.Created($"/api/events/{eventId}/matchmaking/meetings/{meeting.Id}", meeting);
    }

    private static async Task<Ok<MeetingView>> Accept(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.AcceptAsync(eventId, Participant(user, eventId), meetingId, cancellationToken));

    private static async Task<Ok<MeetingView>> Decline(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.DeclineAsync(eventId, Participant(user, eventId), meetingId, cancellationToken));

    private static async Task<Ok<MeetingView>> Cancel(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        TypedResults.Ok(await matchmaking.CancelAsync(eventId, Participant(user, eventId), meetingId, cancellationToken));

    private static async Task<Results<Ok<MatchmakingExport>, ContentHttpResult>> Export(
        string eventId, HttpRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken)
    {
        if (!user.Organizes(eventId))
            throw Refusal.Forbidden("Only organizers of the event export matchmaking.");
        var export = await matchmaking.ExportAsync(eventId, cancellationToken);
        var csv = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        return csv ? TypedResults.Text(MatchmakingViews.Csv(export), "text/csv; charset=utf-8") : TypedResults.Ok(export);
    }

    /// <summary>Matchmaking is for people of the event (attendees, speakers, moderators), as themselves.</summary>
    private static string Participant(ClaimsPrincipal user, string eventId) =>
        user.UserId() is { } me && user.BelongsTo(eventId)
            ? me
            : throw Refusal.NotThisEvent(eventId);
}

using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Matchmaking for participants of the event; the export for organizers.</summary>
internal static class MatchmakingEndpoints
{
    public static IEndpointRouteBuilder MapMatchmakingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events/{eventId}/matchmaking").WithTags("Matchmaking").RequireAuthorization();
        group.MapPut("/profile", SaveProfile).WithSummary("Takes part in matchmaking: interests (default: from registration), offers, seeks.");
        group.MapGet("/profile", GetProfile).WithSummary("The caller's matchmaking profile.");
        group.MapGet("/suggestions", Suggestions).WithSummary("People to meet, mutual matches first, then by overlap.");
        group.MapGet("/slots", Slots).WithSummary("The matchmaking window's slots and which of them the caller has booked.");
        group.MapGet("/meetings", Meetings).WithSummary("The caller's meetings.");
        group.MapPost("/meetings", Request).WithSummary("Asks someone for a meeting in a slot; reserves the slot for both.");
        group.MapPost("/meetings/{meetingId}/accept", Accept).WithSummary("The invitee accepts.");
        group.MapPost("/meetings/{meetingId}/decline", Decline).WithSummary("The invitee declines; frees the slot.");
        group.MapPost("/meetings/{meetingId}/cancel", Cancel).WithSummary("Either side cancels; frees the slot.");
        group.MapGet("/export", Export).WithSummary("Organizer: participants and held meetings; JSON, or CSV with 'Accept: text/csv'.");
        return app;
    }

    private static Task<IResult> SaveProfile(
        string eventId, MatchmakingProfileRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.SaveProfileAsync(
            eventId, me, user.FindFirstValue(VirtualMeetClaims.Name) ?? me, request, cancellationToken));

    private static Task<IResult> GetProfile(string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.GetProfileAsync(eventId, me, cancellationToken));

    private static Task<IResult> Suggestions(
        string eventId, int? limit, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        limit is < 1
            ? Task.FromResult<IResult>(ProblemResponses.Invalid("limit", "limit is at least 1."))
            : AsParticipant(user, eventId, me => matchmaking.SuggestionsAsync(eventId, me, limit, cancellationToken));

    private static Task<IResult> Slots(string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.SlotsAsync(eventId, me, cancellationToken));

    private static Task<IResult> Meetings(string eventId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.MeetingsAsync(eventId, me, cancellationToken));

    private static Task<IResult> Request(
        string eventId, MeetingRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.RequestAsync(eventId, me, request, cancellationToken), created: true);

    private static Task<IResult> Accept(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.AcceptAsync(eventId, me, meetingId, cancellationToken));

    private static Task<IResult> Decline(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.DeclineAsync(eventId, me, meetingId, cancellationToken));

    private static Task<IResult> Cancel(
        string eventId, string meetingId, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken) =>
        AsParticipant(user, eventId, me => matchmaking.CancelAsync(eventId, me, meetingId, cancellationToken));

    private static async Task<IResult> Export(
        string eventId, HttpRequest request, ClaimsPrincipal user, MatchmakingService matchmaking, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Organizer))
            return ProblemResponses.Forbidden("Only organizers export matchmaking.");
        return await Run(async () =>
        {
            var export = await matchmaking.ExportAsync(eventId, cancellationToken);
            var csv = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
            return csv ? TypedResults.Text(MatchmakingViews.Csv(export), "text/csv; charset=utf-8") : TypedResults.Ok(export);
        });
    }

    /// <summary>Matchmaking is for people of the event (attendees, speakers, moderators), as themselves.</summary>
    private static async Task<IResult> AsParticipant<T>(ClaimsPrincipal user, string eventId, Func<string, Task<T>> handler, bool created = false)
    {
        var me = user.UserId();
        if (me is null || !user.BelongsTo(eventId))
            return ProblemResponses.Forbidden($"The token was not issued for event '{eventId}'.");
        return await Run(async () =>
        {
            var result = await handler(me);
            return created && result is MeetingView meeting
                ? TypedResults.Created($"/api/events/{eventId}/matchmaking/meetings/{meeting.Id}", meeting)
                : TypedResults.Ok(result);
        });
    }

    private static async Task<IResult> Run(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (MatchmakingRejection rejection)
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

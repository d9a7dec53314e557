using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>The stage hub and the organizer's export of a stage's questions.</summary>
internal static class StageEndpoints
{
    public static IEndpointRouteBuilder MapStageHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<StageHub>(Contracts.HubRoutes.Stage);
        app.MapGet("/api/events/{eventId}/sessions/{sessionId}/questions", ExportQuestions)
            .RequireAuthorization()
            .WithTags("Keynote")
            .WithSummary("Every question of a stage with votes and status (organizers, the session's moderators); CSV with 'Accept: text/csv'.");
        return app;
    }

    private static async Task<IResult> ExportQuestions(
        string eventId, string sessionId, HttpRequest request, ClaimsPrincipal user, IEventStore events, StageQuestions questions,
        CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");
        if (!user.Organizes(eventId) && !user.BelongsTo(eventId))
            return ProblemResponses.Forbidden(Refusal.NotThisEvent(eventId).Message);
        var session = definition.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (session is null || !StageAccess.IsStage(session.Kind))
            return ProblemResponses.NotFound($"Event '{eventId}' has no stage session '{sessionId}'.");
        // Questions name their askers: a team moderator moderates them but exports no personal data.
        if (!StageAccess.Moderates(user, session) || user.IsInRole(Roles.EventModerator) && !user.Organizes(eventId))
            return ProblemResponses.Forbidden($"Only organizers and moderators of session '{sessionId}' export its questions.");

        var list = await questions.ExportAsync(eventId, sessionId, cancellationToken);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            ? TypedResults.Text(Csv(list), "text/csv; charset=utf-8")
            : TypedResults.Ok(list);
    }

    private static string Csv(IReadOnlyList<QuestionView> questions)
    {
        var csv = new StringBuilder("id,status,pinned,votes,askedAt,asker,text\n");
        foreach (var q in questions)
        {
            csv.Append(q.Id).Append(',')
                .Append(q.Status.ToString().ToLowerInvariant()).Append(',')
                .Append(q.Pinned ? "true" : "false").Append(',')
                .Append(q.Votes.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(q.AskedAt.ToString("O", CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvText.Quote(q.Anonymous ? "" : q.AskerName ?? "")).Append(',')
                .Append(CsvText.Quote(q.Text ?? "")).Append('\n');
        }

        return csv.ToString();
    }
}

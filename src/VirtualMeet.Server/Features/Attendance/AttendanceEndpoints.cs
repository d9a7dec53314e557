using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Attendance;

/// <summary>The organizer's attendance export: attendees and their session places, as JSON or CSV.</summary>
internal static class AttendanceEndpoints
{
    public static IEndpointRouteBuilder MapAttendanceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events/{eventId}/attendance", Export)
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Attendance")
            .WithSummary("Organizer: every attendee with their session registrations; CSV with 'Accept: text/csv'.");
        return app;
    }

    private static async Task<IResult> Export(
        string eventId, string? lang, HttpRequest request, ClaimsPrincipal user, IEventStore events, AttendanceReports reports,
        CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        var language = lang ?? user.FindFirstValue(VirtualMeetClaims.Language) ?? definition.Languages[0];
        var report = await reports.BuildAsync(definition, language, cancellationToken);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            ? TypedResults.Text(AttendanceCsv.Write(report), "text/csv; charset=utf-8")
            : TypedResults.Ok(report);
    }
}

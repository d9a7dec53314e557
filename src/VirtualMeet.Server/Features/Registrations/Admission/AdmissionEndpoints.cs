using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>The organiser's side of admission: the registration mode, invitation codes, ticket imports and counts.</summary>
internal static class AdmissionEndpoints
{
    public static IEndpointRouteBuilder MapAdmissionEndpoints(this IEndpointRouteBuilder app)
    {
        var admission = app.MapGroup("/api/events/{eventId}").WithTags("Admission").RequireAuthorization(Policies.Organizer);
        admission.MapPut("/registration-mode", SetMode)
            .WithSummary("Changes who may register (open, invitation, tickets); refused once the event has started.");
        admission.MapGet("/admission", GetSummary)
            .WithSummary("The registration mode and how many invitations and tickets were issued and used.");
        admission.MapPost("/invitations", GenerateInvitations)
            .WithSummary("Generates one-time invitation codes, shown only in this answer (JSON, or CSV with 'Accept: text/csv' or '?format=csv').");
        admission.MapPost("/tickets", ImportTickets)
            .Accepts<IReadOnlyList<TicketDefinition>>("application/json", "text/csv")
            .WithBodyLimit(limits => limits.MaxImportBodyBytes)
            .WithSummary("Imports tickets (JSON array or CSV ticketId,name,email,category); a ticket id the event has already stays as it is.");
        admission.MapGet("/tickets", ListTickets)
            .WithSummary("Every ticket and whether it has registered someone.");
        return app;
    }

    private static async Task<Results<Ok<AdmissionSummary>, ProblemHttpResult>> SetMode(
        string eventId, RegistrationModeRequest request, ClaimsPrincipal user, AdmissionService admission, CancellationToken cancellationToken)
    {
        var definition = await admission.SetModeAsync(eventId, request.Mode, AuditActor.From(user), cancellationToken);
        return TypedResults.Ok(await admission.SummaryAsync(definition, cancellationToken));
    }

    private static async Task<Results<Ok<AdmissionSummary>, ProblemHttpResult>> GetSummary(
        string eventId, IEventStore events, AdmissionService admission, CancellationToken cancellationToken) =>
        await events.GetAsync(eventId, cancellationToken) is { } definition
            ? TypedResults.Ok(await admission.SummaryAsync(definition, cancellationToken))
            : NoEvent(eventId);

    private static async Task<Results<Created<InvitationBatch>, ContentHttpResult, ProblemHttpResult>> GenerateInvitations(
        string eventId, string? format, InvitationRequest request, HttpRequest http, ClaimsPrincipal user, IEventStore events,
        AdmissionService admission, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            return NoEvent(eventId);

        var codes = await admission.GenerateInvitationsAsync(eventId, request.Count, AuditActor.From(user), cancellationToken);
        // The store keeps hashes only: this answer is the export, so it comes as CSV when asked for.
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        if (!csv)
            return TypedResults.Created($"/api/events/{eventId}/admission", new InvitationBatch(codes));

        http.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"invitations-{eventId}.csv\"";
        return TypedResults.Text("code\n" + string.Concat(codes.Select(c => c + "\n")), "text/csv; charset=utf-8", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<Ok<TicketImportResult>, ValidationProblem, ProblemHttpResult>> ImportTickets(
        string eventId, HttpRequest request, ClaimsPrincipal user, IEventStore events, AdmissionService admission,
        IOptions<RequestLimitsOptions> limits, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            return NoEvent(eventId);

        var errors = new ValidationErrors(limits.Value.MaxValidationErrors);
        var rows = await TicketImportReader.ReadAsync(request, errors, cancellationToken);
        var (result, problems) = await admission.ImportTicketsAsync(eventId, rows, errors, AuditActor.From(user), cancellationToken);
        return result is null
            ? ProblemResponses.Invalid(problems, problems.Omitted > 0 ? null : "The ticket import is invalid; nothing was imported. See errors.")
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<TicketView>>, ProblemHttpResult>> ListTickets(
        string eventId, IEventStore events, AdmissionService admission, CancellationToken cancellationToken) =>
        await events.GetAsync(eventId, cancellationToken) is null
            ? NoEvent(eventId)
            : TypedResults.Ok(await admission.ListTicketsAsync(eventId, cancellationToken));

    private static ProblemHttpResult NoEvent(string eventId) => ProblemResponses.NotFound($"Event '{eventId}' does not exist.");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>Organizer accounts (administrators), an event's team (its owners) and its audit log (its organizers).</summary>
internal static class OrganizersEndpoints
{
    public static IEndpointRouteBuilder MapOrganizersEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/organizers").WithTags("Organizers").RequireAuthorization(Policies.Administrator);
        accounts.MapPost("/", Create).WithSummary("Administrator: creates a named organizer account; its sign-in secret is in this answer only.");
        accounts.MapGet("/", (OrganizerAccounts organizers, CancellationToken cancellationToken) => organizers.ListAsync(cancellationToken))
            .WithSummary("Administrator: every organizer account (without secrets).");
        accounts.MapDelete("/{organizerId}", Delete).WithSummary("Administrator: deletes an account; it gets no further event tokens.");

        var team = app.MapGroup("/api/events/{eventId}/team").WithTags("Organizers")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        team.MapGet("/", (string eventId, EventTeam members, CancellationToken cancellationToken) => members.ListAsync(eventId, cancellationToken))
            .RequireAuthorization(Policies.Organizer).WithSummary("The event's team: organizer ids, names and roles (owner, organizer).");
        team.MapPut("/{organizerId}", Assign).RequireAuthorization(Policies.TeamManager)
            .WithSummary("Gives an organizer account a role in the event: owner, organizer or moderator (administrator, owner).");
        team.MapDelete("/{organizerId}", Remove).RequireAuthorization(Policies.TeamManager)
            .WithSummary("Takes an organizer off the event's team (administrator, owner).");

        app.MapGet("/api/events/{eventId}/audit", Audit).RequireAuthorization(Policies.Organizer).WithTags("Organizers")
            .WithSummary("The event's audit log, oldest first, a page after the sequence 'after' ('limit' entries, 'next' continues); CSV (all entries after 'after') with ?format=csv or 'Accept: text/csv'.");
        return app;
    }

    private static async Task<Created<CreatedOrganizer>> Create(
        CreateOrganizerRequest request, ClaimsPrincipal user, OrganizerAccounts organizers, CancellationToken cancellationToken)
    {
        var created = await organizers.CreateAsync(request, user.UserId()!, cancellationToken);
        return TypedResults.Created($"/api/organizers/{created.Account.Id}", created);
    }

    private static async Task<NoContent> Delete(string organizerId, ClaimsPrincipal user, OrganizerAccounts organizers, CancellationToken cancellationToken)
    {
        await organizers.DeleteAsync(organizerId, user.UserId()!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TeamMemberView>> Assign(
        string eventId, string organizerId, TeamAssignmentRequest request, ClaimsPrincipal user, EventTeam team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.AssignAsync(eventId, organizerId, request.Role, AuditActor.From(user), cancellationToken));

    private static async Task<NoContent> Remove(string eventId, string organizerId, ClaimsPrincipal user, EventTeam team, CancellationToken cancellationToken)
    {
        await team.RemoveAsync(eventId, organizerId, AuditActor.From(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuditPage>, ContentHttpResult, ProblemHttpResult>> Audit(
        string eventId, long? after, int? limit, string? format, HttpRequest request, IEventStore events, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        if (!csv)
            return TypedResults.Ok(await audit.ReadAsync(eventId, after ?? 0, limit ?? int.MaxValue, cancellationToken));

        // A file is the whole log from 'after' on (the log is capped by Audit:MaxEntriesPerEvent), read page by page.
        var entries = new List<AuditEntry>();
        for (long? next = after ?? 0; next is { } from;)
        {
            var page = await audit.ReadAsync(eventId, from, int.MaxValue, cancellationToken);
            entries.AddRange(page.Entries);
            next = page.Next;
        }

        return TypedResults.Text(AuditCsv.Write(entries), "text/csv; charset=utf-8");
    }
}

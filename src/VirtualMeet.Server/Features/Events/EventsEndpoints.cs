using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Features.Events;

/// <summary>The event catalogue, JSON import/export of whole events, and an organizer's purge.</summary>
internal static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");

        // The catalogue is public: people look at the agenda before they register.
        events.MapGet("/", ListEvents).AllowAnonymous().WithSummary("All events.");
        events.MapGet("/{eventId}", GetEvent).AllowAnonymous()
            .WithSummary("The agenda in the caller's language (?lang=de|en, the token's language or Accept-Language), falling back to the other.");
        events.MapPost("/", ImportEvent).RequireAuthorization(Policies.Organizer)
            .Accepts<EventDefinition>("application/json")
            .WithBodyLimit(limits => limits.MaxImportBodyBytes)
            .WithSummary("Imports a whole event definition.");
        events.MapGet("/{eventId}/export", ExportEvent).RequireAuthorization(Policies.Organizer)
            .WithSummary("The event definition as imported.");
        events.MapDelete("/{eventId}", PurgeEvent).RequireAuthorization(Policies.Organizer)
            .WithSummary("Purges the event: its definition, attendees, registrations and every other record.");
        return app;
    }

    private static async Task<Ok<List<EventSummary>>> ListEvents(IEventStore events, CancellationToken cancellationToken)
    {
        var all = await events.ListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(EventViewMapper.ToSummary).ToList());
    }

    private static async Task<Results<Ok<EventView>, ProblemHttpResult>> GetEvent(
        string eventId, string? lang, HttpContext context, IEventStore events, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        return definition is null
            ? ProblemResponses.NotFound($"Event '{eventId}' does not exist.")
            : TypedResults.Ok(EventViewMapper.ToView(definition, PreferredLanguage(lang, context)));
    }

    private static async Task<Results<Created<EventSummary>, ValidationProblem, ProblemHttpResult>> ImportEvent(
        HttpRequest request, ClaimsPrincipal user, IEventStore events, IAuditLog audit, IOptions<RequestLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var (definition, errors) = await EventImportReader.ReadAsync(request, limits.Value.MaxValidationErrors, cancellationToken);
        if (definition is null)
            return ProblemResponses.Invalid(errors!, "The event definition is invalid; see errors.");

        if (!await events.TryAddAsync(definition, cancellationToken))
            return ProblemResponses.Conflict($"Event '{definition.Id}' already exists; purge it first to import it again.");
        await audit.RecordAsync(definition.Id, AuditActor.From(user), AuditActions.EventImport, definition.Id, null, cancellationToken);

        return TypedResults.Created($"/api/events/{definition.Id}", EventViewMapper.ToSummary(definition));
    }

    private static async Task<Results<Ok<EventDefinition>, ProblemHttpResult>> ExportEvent(
        string eventId, IEventStore events, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        return definition is null
            ? ProblemResponses.NotFound($"Event '{eventId}' does not exist.")
            : TypedResults.Ok(definition);
    }

    private static async Task<NoContent> PurgeEvent(string eventId, EventPurgeService purge, CancellationToken cancellationToken)
    {
        // Answered the same whether or not the event still exists: leftovers of a failed purge go too.
        await purge.PurgeAsync(eventId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? PreferredLanguage(string? lang, HttpContext context)
    {
        if (!string.IsNullOrEmpty(lang))
            return lang;
        if (context.User.FindFirstValue(VirtualMeetClaims.Language) is { } claimed)
            return claimed;

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage;
        return accepted
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "de" or "en");
    }
}

/// <summary>
/// Reads an import body itself rather than through parameter binding, so that a broken document answers with
/// the JSON path and reason instead of a generic "failed to read parameter".
/// </summary>
internal static class EventImportReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static async Task<(EventDefinition? Definition, ValidationErrors? Errors)> ReadAsync(
        HttpRequest request, int maxErrors, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return (null, ValidationErrors.Of("body", "Send the event definition as application/json."));

        EventDefinition? definition;
        try
        {
            definition = await JsonSerializer.DeserializeAsync<EventDefinition>(request.Body, Options, cancellationToken);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "body" : e.Path.TrimStart('$', '.');
            return (null, ValidationErrors.Of(path.Length == 0 ? "body" : path, e.Message));
        }

        if (definition is null)
            return (null, ValidationErrors.Of("body", "The body is empty or null."));

        var errors = EventValidator.Validate(definition, maxErrors);
        return errors.Count > 0 ? (null, errors) : (definition, null);
    }

    internal static EventDefinition Parse(string json) =>
        JsonSerializer.Deserialize<EventDefinition>(json, Options) ?? throw new JsonException("The document is null.");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations.Admission;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Registrations;

/// <summary>Attendee sign-up and erasure, session seats and waitlists.</summary>
internal static class RegistrationsEndpoints
{
    public static IEndpointRouteBuilder MapRegistrationsEndpoints(this IEndpointRouteBuilder app)
    {
        var registrations = app.MapGroup("/api/events/{eventId}/registrations").WithTags("Registrations");
        registrations.MapPost("/", RegisterAttendee)
            .AllowAnonymous()
            .RequireCallerAddressBudget(RateLimitRules.SignUp, async (http, eventId) =>
                await http.RequestServices.GetRequiredService<IEventStore>().GetAsync(eventId, http.RequestAborted) is not null)
            .WithBodyLimit(limits => limits.MaxBodyBytes)
            .WithSummary("Registers an attendee and returns their access token.");
        registrations.MapGet("/me", GetOwnRegistration)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("Everything the server holds about the caller.");
        registrations.MapDelete("/me", EraseOwnRegistration)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("Right to erasure: deletes the caller's registration, seats and personal data.");

        app.MapGet("/api/events/{eventId}/availability", GetAvailability)
            .WithTags("Session registrations")
            .AllowAnonymous()
            .WithSummary("Seats taken, seats left and waitlist length of every session with a capacity; up to a second old.");

        var seats = app.MapGroup("/api/events/{eventId}/sessions/{sessionId}").WithTags("Session registrations");
        seats.MapPost("/registrations", RegisterForSession)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("Takes a seat, or a waitlist place when the session is full. Repeating it changes nothing.");
        seats.MapGet("/registrations", GetSessionRegistration)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("The caller's seat or waitlist place.");
        seats.MapDelete("/registrations", CancelSessionRegistration)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("Frees the caller's seat (the first waiting attendee is promoted and notified) or waitlist place.");
        seats.MapGet("/roster", GetRoster)
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("Confirmed attendees and the waitlist in order.");
        return app;
    }

    private static async Task<Results<Created<AttendeeRegistrationResponse>, ValidationProblem, ProblemHttpResult>> RegisterAttendee(
        string eventId, AttendeeRegistrationRequest request, HttpRequest http, IEventStore events, RegistrationService registrations,
        AdmissionService admission, DeviceSessions devices, IOptions<RequestLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        var errors = AttendeeRequestValidator.Validate(request, definition.Languages, limits.Value.MaxValidationErrors);
        if (errors.Count > 0)
            return ProblemResponses.Invalid(errors);

        // Invitation and ticket events: the code is redeemed (once, atomically) or the sign-up refused.
        await admission.AdmitAsync(definition, request, cancellationToken);
        var attendee = await registrations.RegisterAttendeeAsync(definition, request, cancellationToken);
        var owner = new SignInCodeOwner(attendee.Id, attendee.Language, [Roles.Attendee]);
        var (tokens, signInCode) = await devices.StartAsync(eventId, owner, DeviceLabels.Of(null, http.Headers.UserAgent), cancellationToken);
        return TypedResults.Created($"/api/events/{eventId}/registrations/me", new AttendeeRegistrationResponse(
            attendee.Id, tokens.AccessToken, tokens.ExpiresAt, tokens.RefreshToken, tokens.DeviceId, signInCode));
    }

    private static async Task<Results<Ok<AttendeeProfile>, ProblemHttpResult>> GetOwnRegistration(
        string eventId, ClaimsPrincipal user, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return NotThisEvent(eventId);

        var profile = await registrations.GetProfileAsync(eventId, user.UserId()!, cancellationToken);
        return profile is null
            ? ProblemResponses.NotFound("There is no registration for this token (it may have been deleted).")
            : TypedResults.Ok(profile);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseOwnRegistration(
        string eventId, ClaimsPrincipal user, IEventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return NotThisEvent(eventId);

        // Idempotent: erasing twice leaves the same (empty) state and answers the same.
        var definition = await events.GetAsync(eventId, cancellationToken);
        await registrations.EraseAttendeeAsync(definition, eventId, user.UserId()!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SessionRegistrationResponse>, ProblemHttpResult>> RegisterForSession(
        string eventId, string sessionId, ClaimsPrincipal user, IEventStore events, IAttendeeStore attendees,
        RegistrationService registrations, CancellationToken cancellationToken)
    {
        var (session, problem) = await FindSessionAsync(eventId, sessionId, user, events, cancellationToken);
        if (problem is not null)
            return problem;

        // Speakers and moderators hold organizer-issued tokens without a sign-up record; a plain attendee
        // whose registration was erased must not come back through an old token.
        if (!user.IsInRole(Roles.Speaker) && !user.IsInRole(Roles.Moderator)
            && await attendees.GetAsync(eventId, user.UserId()!, cancellationToken) is null)
        {
            return ProblemResponses.Forbidden("This token's registration was deleted; register again.");
        }

        var place = await registrations.RegisterForSessionAsync(eventId, session!, user.UserId()!, cancellationToken);
        return TypedResults.Ok(new SessionRegistrationResponse(place.Status, place.Position));
    }

    private static async Task<Results<Ok<SessionRegistrationResponse>, ProblemHttpResult>> GetSessionRegistration(
        string eventId, string sessionId, ClaimsPrincipal user, IEventStore events, ISessionRegistrationStore seats,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await FindSessionAsync(eventId, sessionId, user, events, cancellationToken);
        if (problem is not null)
            return problem;

        var place = await seats.GetAsync(eventId, session!.Id, user.UserId()!, cancellationToken);
        return TypedResults.Ok(new SessionRegistrationResponse(place.Status, place.Position));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelSessionRegistration(
        string eventId, string sessionId, ClaimsPrincipal user, IEventStore events, RegistrationService registrations,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await FindSessionAsync(eventId, sessionId, user, events, cancellationToken);
        if (problem is not null)
            return problem;

        await registrations.CancelSessionAsync(eventId, session!, user.UserId()!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SessionRosterView>, ProblemHttpResult>> GetRoster(
        string eventId, string sessionId, IEventStore events, ISessionRegistrationStore seats, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        var session = definition?.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (session is null)
            return ProblemResponses.NotFound($"Event '{eventId}' has no session '{sessionId}'.");

        var roster = await seats.GetRosterAsync(eventId, sessionId, cancellationToken);
        return TypedResults.Ok(new SessionRosterView(sessionId, session.Capacity, roster.Confirmed, roster.Waitlist));
    }

    // Counts only, no names: the agenda is public, and so is how full its sessions are. The id was checked by
    // UseIdRouteValues before this runs; the cache keeps answers for existing events only.
    private static async Task<Results<Ok<IReadOnlyList<SessionAvailability>>, ProblemHttpResult>> GetAvailability(
        string eventId, SessionAvailabilityCache availability, CancellationToken cancellationToken) =>
        await availability.GetAsync(eventId, cancellationToken) is { } answer
            ? TypedResults.Ok(answer)
            : ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

    private static async Task<(SessionDefinition? Session, ProblemHttpResult? Problem)> FindSessionAsync(
        string eventId, string sessionId, ClaimsPrincipal user, IEventStore events, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return (null, NotThisEvent(eventId));

        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return (null, ProblemResponses.NotFound($"Event '{eventId}' does not exist."));

        var session = definition.Sessions.FirstOrDefault(s => s.Id == sessionId);
        return session is null
            ? (null, ProblemResponses.NotFound($"Event '{eventId}' has no session '{sessionId}'."))
            : (session, null);
    }

    private static ProblemHttpResult NotThisEvent(string eventId) =>
        ProblemResponses.Forbidden(Refusal.NotThisEvent(eventId).Message);
}

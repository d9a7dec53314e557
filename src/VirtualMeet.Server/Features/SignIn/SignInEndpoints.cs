using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Ids;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Features.SignIn;

/// <summary><c>POST /api/auth/organizer</c> and organizer-issued tokens for speakers and moderators.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/organizer", IssueOrganizerToken)
            .AllowAnonymous()
            .RequireCallerAddressBudget(RateLimitRules.OrganizerSignIn)
            .WithTags("Identity")
            .WithSummary("Exchanges the configured organizer key (Auth:OrganizerKey) for an organizer token.");

        app.MapPost("/api/events/{eventId}/organizer-token", IssueEventOrganizerToken)
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Identity")
            .WithSummary("Exchanges the caller's organizer token (also one of Auth:Authority) for an organizer token of the event, which the stage, breakout and bar hubs need.");

        app.MapPost("/api/events/{eventId}/people/{personId}/tokens", IssuePersonToken)
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Identity")
            .WithSummary("Signs in a device for a speaker or moderator of the event (roles follow their sessions) and gives their personal sign-in code.");
        return app;
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueOrganizerToken(
        OrganizerTokenRequest request, IOptions<AuthOptions> options, TokenIssuer issuer, IEventStore events, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Key))
            return ProblemResponses.Invalid("key", "Key is required.");

        var configured = options.Value.OrganizerKey;
        if (string.IsNullOrEmpty(configured))
            return ProblemResponses.Forbidden("Organizer sign-in is disabled: Auth:OrganizerKey is not configured.");

        // Constant-time comparison: the key is a shared secret.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Key), Encoding.UTF8.GetBytes(configured)))
            return ProblemResponses.Unauthorized("The organizer key is wrong.");

        // Checked after the key, so the endpoint tells nobody without the key which events exist.
        if (request.EventId is { } invalid && !EventIds.IsValid(invalid))
            return ProblemResponses.Invalid("eventId", $"The event id is invalid: {EventIds.Rule}.");
        if (request.EventId is { } eventId && await events.GetAsync(eventId, cancellationToken) is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        var token = issuer.IssueOrganizer(request.EventId);
        return TypedResults.Ok(new AccessTokenResponse(token.AccessToken, token.ExpiresAt));
    }

    /// <summary>
    /// The hubs take the event from the token. An organizer signed in at an external authority has no token of an
    /// event, so this issues one for the same person (subject and name) that ends no later than the caller's token.
    /// </summary>
    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> IssueEventOrganizerToken(
        string eventId, ClaimsPrincipal user, IEventStore events, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        var subject = user.UserId() ?? "organizer"; // own organizer tokens and external ones (JwtBearerSetup) carry one
        var name = user.FindFirstValue(VirtualMeetClaims.Name) ?? subject;
        DateTimeOffset? notAfter = long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;
        var token = issuer.IssueOrganizerFor(subject, name, eventId, notAfter);
        return TypedResults.Ok(new AccessTokenResponse(token.AccessToken, token.ExpiresAt));
    }

    private static async Task<Results<Ok<PersonTokenResponse>, ProblemHttpResult>> IssuePersonToken(
        string eventId, string personId, IEventStore events, DeviceSessions devices, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        var person = definition.People?.FirstOrDefault(p => p.Id == personId);
        if (person is null)
            return ProblemResponses.NotFound($"Event '{eventId}' has no person '{personId}'.");

        var roles = new List<string> { Roles.Attendee };
        if (definition.Sessions.Any(s => s.SpeakerIds?.Contains(personId) == true))
            roles.Add(Roles.Speaker);
        if (definition.Sessions.Any(s => s.ModeratorIds?.Contains(personId) == true))
            roles.Add(Roles.Moderator);

        // A device of its own, so the person can renew the token, sign in elsewhere with the code, and be signed out.
        var (tokens, signInCode) = await devices.StartAsync(eventId, new SignInCodeOwner(personId, null, roles), "Issued by an organizer", cancellationToken);
        return TypedResults.Ok(new PersonTokenResponse(personId, tokens.DeviceId, tokens.AccessToken, tokens.ExpiresAt, tokens.RefreshToken, signInCode));
    }
}

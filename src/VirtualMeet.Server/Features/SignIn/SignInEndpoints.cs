using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Organizers;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Ids;
using VirtualMeet.Server.Platform.RateLimiting;

namespace VirtualMeet.Server.Features.SignIn;

/// <summary><c>POST /api/auth/organizer</c> (administrator key or named organizer), event organizer tokens by team role, and organizer-issued tokens for speakers and moderators.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/organizer", IssueOrganizerToken)
            .AllowAnonymous()
            .RequireCallerAddressBudget(RateLimitRules.OrganizerSignIn)
            .WithTags("Identity")
            .WithSummary("Exchanges the administrator key (Auth:OrganizerKey) for an administrator token, or a named organizer's id and secret for theirs.");

        app.MapPost("/api/events/{eventId}/organizer-token", IssueEventOrganizerToken)
            .RequireAuthorization(Policies.OrganizerSignedIn)
            .WithTags("Identity")
            .WithSummary("Exchanges the caller's organizer token (a named organizer's, the key's, or one of Auth:Authority) for an organizer token of the event with the roles of their place in its team, which the stage, breakout and bar hubs need.");

        app.MapPost("/api/events/{eventId}/people/{personId}/tokens", IssuePersonToken)
            .RequireAuthorization(Policies.Organizer)
            .WithTags("Identity")
            .WithSummary("Signs in a device for a speaker or moderator of the event (roles follow their sessions) and gives their personal sign-in code.");
        return app;
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueOrganizerToken(
        OrganizerTokenRequest request, IOptions<AuthOptions> options, TokenIssuer issuer, IEventStore events, OrganizerAccounts accounts,
        CancellationToken cancellationToken)
    {
        if (request.OrganizerId is not null || request.Secret is not null)
            return await SignInAccountAsync(request, issuer, accounts, cancellationToken);
        if (string.IsNullOrEmpty(request.Key))
            return ProblemResponses.Invalid("key", "Key is required (or organizerId and secret of a named organizer).");

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
    /// A named organizer's token, spanning events but opening none of them (unless the account is across events) until
    /// it is exchanged for an event's token. An unknown id and a wrong secret answer alike.
    /// </summary>
    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> SignInAccountAsync(
        OrganizerTokenRequest request, TokenIssuer issuer, OrganizerAccounts accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.OrganizerId) || string.IsNullOrEmpty(request.Secret))
            return ProblemResponses.Invalid(string.IsNullOrEmpty(request.OrganizerId) ? "organizerId" : "secret", "organizerId and secret go together.");
        if (request.EventId is not null)
            return ProblemResponses.Invalid("eventId", $"A named organizer asks for an event's token at POST /api/events/{{eventId}}/organizer-token.");
        if (!EventIds.IsValid(request.OrganizerId) || await accounts.SignInAsync(request.OrganizerId, request.Secret, cancellationToken) is not { } account)
            return ProblemResponses.Unauthorized("The organizer id or the secret is wrong.");

        var token = issuer.IssueOrganizerAccount(account.Id, account.Name, account.AcrossEvents);
        return TypedResults.Ok(new AccessTokenResponse(token.AccessToken, token.ExpiresAt));
    }

    /// <summary>
    /// The hubs take the event from the token. An organizer signed in at an external authority, or a named organizer,
    /// has no token of an event, so this issues one for the same person (subject and name) with the roles of their
    /// place in the event's team (<see cref="EventTeam.RoleOfAsync"/>), ending no later than the caller's token.
    /// </summary>
    private static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> IssueEventOrganizerToken(
        string eventId, ClaimsPrincipal user, IEventStore events, EventTeam team, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is null)
            return ProblemResponses.NotFound($"Event '{eventId}' does not exist.");

        string[] roles = await team.RoleOfAsync(user, eventId, cancellationToken) switch
        {
            _ when user.IsInRole(Roles.Administrator) => [Roles.Organizer, Roles.Administrator],
            TeamRoles.Owner => [Roles.Organizer, Roles.EventOwner],
            TeamRoles.Organizer => [Roles.Organizer],
            TeamRoles.Moderator => [Roles.Moderator, Roles.EventModerator],
            _ => [],
        };
        if (roles.Length == 0)
            return ProblemResponses.Forbidden($"You are not on the team of event '{eventId}'; its owner or an administrator adds you.");

        var subject = user.UserId()!; // own organizer tokens and external ones (JwtBearerSetup) carry one
        var name = user.FindFirstValue(VirtualMeetClaims.Name) ?? subject;
        DateTimeOffset? notAfter = long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;
        var token = issuer.IssueOrganizerFor(subject, name, eventId, roles, notAfter);
        return TypedResults.Ok(new AccessTokenResponse(token.AccessToken, token.ExpiresAt));
    }

    private static async Task<Results<Ok<PersonTokenResponse>, ProblemHttpResult>> IssuePersonToken(
        string eventId, string personId, ClaimsPrincipal user, IEventStore events, DeviceSessions devices, IAuditLog audit,
        CancellationToken cancellationToken)
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
        await audit.RecordAsync(eventId, AuditActor.From(user), AuditActions.PersonToken, personId, "roles=" + string.Join('+', roles), cancellationToken);
        return TypedResults.Ok(new PersonTokenResponse(personId, tokens.DeviceId, tokens.AccessToken, tokens.ExpiresAt, tokens.RefreshToken, signInCode));
    }
}

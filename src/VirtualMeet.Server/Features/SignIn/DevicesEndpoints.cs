using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.SignIn;

/// <summary>
/// An attendee's (or speaker's) devices: signing in another one with the personal sign-in code, renewing a device's
/// access token, listing the devices and signing one out, and replacing the sign-in code.
/// </summary>
internal static class DevicesEndpoints
{
    public static IEndpointRouteBuilder MapDevicesEndpoints(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/api/events/{eventId}/devices").WithTags("Devices");
        devices.MapPost("/", SignInWithCode)
            .AllowAnonymous()
            .RequireCallerAddressBudget(RateLimitRules.DeviceSignIn, EventExistsAsync)
            .WithSummary("Signs in another device with the personal sign-in code; answers its tokens.");
        devices.MapPost("/refresh", Refresh)
            .AllowAnonymous()
            .RequireCallerAddressBudget(RateLimitRules.TokenRefresh, EventExistsAsync)
            .WithSummary("Renews a device's access token. Answers a new refresh token; the one sent stops working.");
        devices.MapGet("/", List)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("The caller's signed-in devices.");
        devices.MapDelete("/{deviceId}", End)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("Signs out one of the caller's devices: its tokens stop working and its connections close on every node.");
        devices.MapPost("/sign-in-code", RenewSignInCode)
            .RequireAuthorization(Policies.Participant)
            .WithSummary("A new personal sign-in code; the previous one stops working, signed-in devices stay.");
        return app;
    }

    private static async Task<bool> EventExistsAsync(HttpContext http, string eventId) =>
        await http.RequestServices.GetRequiredService<IEventStore>().GetAsync(eventId, http.RequestAborted) is not null;

    private static async Task<Results<Created<DeviceTokensResponse>, ValidationProblem, ProblemHttpResult>> SignInWithCode(
        string eventId, DeviceSignInRequest request, HttpRequest http, DeviceSessions sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.SignInCode))
            return ProblemResponses.Invalid("signInCode", "The sign-in code is required.");
        if (request.Label is { Length: > DeviceLabels.MaxLength })
            return ProblemResponses.Invalid("label", $"The label has at most {DeviceLabels.MaxLength} characters.");

        var label = DeviceLabels.Of(request.Label, http.Headers.UserAgent);
        return await sessions.SignInWithCodeAsync(eventId, request.SignInCode, label, cancellationToken) is { } tokens
            ? TypedResults.Created($"/api/events/{eventId}/devices", tokens)
            : ProblemResponses.Unauthorized("The sign-in code is not valid for this event (a newer code may have replaced it).");
    }

    private static async Task<Results<Ok<DeviceTokensResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        string eventId, TokenRefreshRequest request, DeviceSessions sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return ProblemResponses.Invalid("refreshToken", "The refresh token is required.");

        return await sessions.RefreshAsync(eventId, request.RefreshToken, cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens)
            : ProblemResponses.Unauthorized("The refresh token is not valid: the device was signed out, it was used already, or it expired.");
    }

    private static async Task<Results<Ok<IReadOnlyList<DeviceView>>, ProblemHttpResult>> List(
        string eventId, ClaimsPrincipal user, DeviceSessions sessions, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return NotThisEvent(eventId);

        var current = user.FindFirstValue(VirtualMeetClaims.Device);
        var devices = await sessions.ListAsync(eventId, user.UserId()!, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeviceView>>(
            [.. devices.Select(d => new DeviceView(d.DeviceId, d.Label, d.SignedInAt, d.LastUsedAt, d.DeviceId == current))]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> End(
        string eventId, string deviceId, ClaimsPrincipal user, DeviceSessions sessions, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return NotThisEvent(eventId);

        return await sessions.EndAsync(eventId, user.UserId()!, deviceId, cancellationToken)
            ? TypedResults.NoContent()
            : ProblemResponses.NotFound($"You have no signed-in device '{deviceId}'.");
    }

    private static async Task<Results<Ok<SignInCodeResponse>, ProblemHttpResult>> RenewSignInCode(
        string eventId, ClaimsPrincipal user, DeviceSessions sessions, CancellationToken cancellationToken)
    {
        if (!user.BelongsTo(eventId))
            return NotThisEvent(eventId);
        if (user.FindFirstValue(VirtualMeetClaims.Device) is null)
            return ProblemResponses.Forbidden("This token belongs to no signed-in device, so it cannot sign in others.");

        var roles = user.FindAll(VirtualMeetClaims.Role).Select(c => c.Value).ToList();
        var owner = new SignInCodeOwner(user.UserId()!, user.FindFirstValue(VirtualMeetClaims.Language), roles);
        return TypedResults.Ok(new SignInCodeResponse(await sessions.RenewSignInCodeAsync(eventId, owner, cancellationToken)));
    }

    private static ProblemHttpResult NotThisEvent(string eventId) =>
        ProblemResponses.Forbidden(Refusal.NotThisEvent(eventId).Message);
}

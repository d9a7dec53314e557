using Microsoft.AspNetCore.Authorization;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>The organizer policies' event check: <see cref="Policies.Organizes"/> for the route's <c>{eventId}</c>.</summary>
internal sealed record EventScopeRequirement(bool OwnersOnly) : IAuthorizationRequirement;

/// <summary>
/// Passes administrators and tokens that span events; a token of one event only on routes of that event, and for
/// <see cref="EventScopeRequirement.OwnersOnly"/> only when it names the owner. Routes without an event take no event's token.
/// </summary>
internal sealed class EventScopeHandler : AuthorizationHandler<EventScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EventScopeRequirement requirement)
    {
        var user = context.User;
        var routeEvent = (context.Resource as HttpContext)?.GetRouteValue("eventId") as string;
        var passes = user.IsInRole(Roles.Administrator)
            || user.EventIdOf() is null
            || routeEvent is not null && user.BelongsTo(routeEvent) && (!requirement.OwnersOnly || user.IsInRole(Roles.EventOwner));
        if (passes)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

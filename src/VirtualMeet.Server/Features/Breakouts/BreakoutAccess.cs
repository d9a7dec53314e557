using System.Security.Claims;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>The caller of a breakout hub method, from their token.</summary>
internal sealed record BreakoutCaller(ClaimsPrincipal User, string UserId, string Name, string Role)
{
    private static readonly string[] RolesByRank = [Roles.Organizer, Roles.Moderator, Roles.Speaker, Roles.Attendee];

    public bool IsOrganizer => User.IsInRole(Roles.Organizer);

    /// <summary>
    /// Organizers, the event team's moderators, and moderators the agenda names for this session (a moderator of another
    /// session is not). The session is one of the token's event (<see cref="BreakoutAccess.SessionAsync"/>).
    /// </summary>
    public bool Moderates(SessionDefinition session) =>
        IsOrganizer || User.IsInRole(Roles.EventModerator) || User.IsInRole(Roles.Moderator) && session.ModeratorIds?.Contains(UserId) == true;

    /// <summary>Event-wide actions (announce, close): the event's organizers and any moderator of that event.</summary>
    public bool ModeratesEvent(string eventId) => User.Organizes(eventId) || User.IsInRole(Roles.Moderator) && User.BelongsTo(eventId);

    /// <summary>Who the audit log names for what this caller does.</summary>
    public AuditActor Actor => AuditActor.From(User);

    public static BreakoutCaller From(ClaimsPrincipal user) => user.UserId() is { } id
        ? new BreakoutCaller(user, id, user.FindFirstValue(VirtualMeetClaims.Name) ?? id, RolesByRank.FirstOrDefault(user.IsInRole) ?? Roles.Attendee)
        : throw Refusal.Forbidden("Breakouts need a token with a subject.");
}

/// <summary>A breakout session and its event.</summary>
internal sealed record BreakoutSession(EventDefinition Event, SessionDefinition Session)
{
    public string EventId => Event.Id;

    public string SessionId => Session.Id;
}

/// <summary>
/// Finds breakout sessions. The event comes from the caller's token (a session id of another event is simply
/// not found); organizer tokens span events, so for them the session id is looked up across events.
/// </summary>
internal sealed class BreakoutAccess(IEventStore events)
{
    public async Task<BreakoutSession> SessionAsync(BreakoutCaller caller, string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
            throw Refusal.InvalidArgument("A session id is required.");

        var eventId = caller.User.FindFirstValue(VirtualMeetClaims.EventId);
        IEnumerable<EventDefinition> candidates;
        if (eventId is not null)
            candidates = await events.GetAsync(eventId, cancellationToken) is { } definition ? [definition] : [];
        else if (caller.IsOrganizer)
            candidates = await events.ListAsync(cancellationToken);
        else
            throw Refusal.Forbidden("Breakouts need a token of an event.");

        var matches = candidates
            .SelectMany(e => e.Sessions.Where(s => s.Id == sessionId).Select(s => new BreakoutSession(e, s)))
            .ToList();
        var found = matches.Count switch
        {
            0 => throw Refusal.NotFound($"There is no session '{sessionId}'."),
            1 => matches[0],
            _ => throw Refusal.InvalidArgument($"Session id '{sessionId}' exists in several events; use a token of the event."),
        };
        return found.Session.Kind == SessionKind.Breakout
            ? found
            : throw Refusal.InvalidArgument($"Session '{sessionId}' is not a breakout.");
    }

    /// <summary>The event for an event-wide moderator action; only its moderators and organizers pass.</summary>
    public async Task<EventDefinition> ModeratedEventAsync(BreakoutCaller caller, string? eventId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(eventId))
            throw Refusal.InvalidArgument("An event id is required.");
        if (!caller.ModeratesEvent(eventId))
            throw Refusal.Forbidden($"Only moderators of event '{eventId}' and organizers do this.");
        return await events.GetAsync(eventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
    }
}

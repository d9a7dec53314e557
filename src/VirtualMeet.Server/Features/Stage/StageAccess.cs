using System.Collections.Concurrent;
using System.Security.Claims;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>A stage session of an event and the caller on it.</summary>
/// <param name="IsModerator">An organizer, or a moderator of this very session.</param>
internal sealed record StageCaller(
    EventDefinition Event,
    SessionDefinition Session,
    string UserId,
    string Name,
    string Role,
    string? Language,
    bool IsModerator,
    AuditActor Actor)
{
    public string EventId => Event.Id;

    public string SessionId => Session.Id;

    /// <exception cref="Refusal"><c>forbidden</c> unless the caller moderates this stage.</exception>
    public void RequireModerator()
    {
        if (!IsModerator)
            throw Refusal.Forbidden($"Only moderators of session '{SessionId}' and organizers do this.");
    }
}

/// <summary>
/// Finds the stage session in the caller's event and decides whether the caller moderates it. Definitions are
/// kept for a few seconds per node: every reaction and chat line resolves the stage, and an imported event never
/// changes (it can only be deleted, which the short lifetime catches up with).
/// </summary>
internal sealed class StageAccess(IEventStore events, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (EventDefinition Definition, DateTimeOffset FetchedAt)> _events = new();

    private static readonly string[] RolesByRank = [Roles.Organizer, Roles.Moderator, Roles.Speaker, Roles.Attendee];

    public static bool IsStage(SessionKind kind) => kind is SessionKind.Keynote or SessionKind.Panel or SessionKind.Pitch;

    /// <summary>
    /// Organizers, the event team's moderators, and moderators the agenda names for this session (a moderator of another
    /// session is not). The session is one of the token's event: a token of one event never reaches another's sessions.
    /// </summary>
    public static bool Moderates(ClaimsPrincipal user, SessionDefinition session) =>
        user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.EventModerator)
        || user.IsInRole(Roles.Moderator) && user.UserId() is { } id && session.ModeratorIds?.Contains(id) == true;

    /// <summary>The event is the one the token belongs to: a session id of another event is simply not found.</summary>
    public async Task<StageCaller> ResolveAsync(ClaimsPrincipal user, string? sessionId, CancellationToken cancellationToken)
    {
        var eventId = user.FindFirstValue(VirtualMeetClaims.EventId);
        var userId = user.UserId();
        if (eventId is null || userId is null)
            throw Refusal.Forbidden("The stage needs a token of an event: an attendee, speaker or moderator token, or an organizer token signed in for the event.");
        if (string.IsNullOrEmpty(sessionId))
            throw Refusal.InvalidArgument("A session id is required.");

        var definition = await EventAsync(eventId, cancellationToken)
            ?? throw Refusal.NotFound($"Event '{eventId}' does not exist.");
        var session = definition.Sessions.FirstOrDefault(s => s.Id == sessionId)
            ?? throw Refusal.NotFound($"Event '{eventId}' has no session '{sessionId}'.");
        if (!IsStage(session.Kind))
            throw Refusal.InvalidArgument($"Session '{sessionId}' is not on the stage (keynote, panel or pitch).");

        return new StageCaller(
            definition,
            session,
            userId,
            user.FindFirstValue(VirtualMeetClaims.Name) ?? userId,
            RolesByRank.FirstOrDefault(user.IsInRole) ?? Roles.Attendee,
            user.FindFirstValue(VirtualMeetClaims.Language),
            Moderates(user, session),
            AuditActor.From(user));
    }

    private async Task<EventDefinition?> EventAsync(string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_events.TryGetValue(eventId, out var cached) && now - cached.FetchedAt < CacheLifetime)
            return cached.Definition;
        var definition = await events.GetAsync(eventId, cancellationToken);
        if (definition is null)
            _events.TryRemove(eventId, out _);
        else
            _events[eventId] = (definition, now);
        return definition;
    }
}

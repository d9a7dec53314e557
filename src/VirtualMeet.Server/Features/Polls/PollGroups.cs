namespace VirtualMeet.Server.Features.Polls;

/// <summary>SignalR group names of the polls hub, built here and nowhere else.</summary>
internal static class PollGroups
{
    /// <summary>Watchers of the polls of a session, or of the whole event when <paramref name="sessionId"/> is null.</summary>
    public static string Scope(string eventId, string? sessionId) =>
        sessionId is null ? $"polls:{eventId}" : $"polls:{eventId}:session:{sessionId}";

    public static string Of(PollDefinition poll) => Scope(poll.EventId, poll.SessionId);
}

namespace VirtualMeet.Server.Features.Stage;

/// <summary>SignalR group names and chat/presence room ids of the stage, built here and nowhere else.</summary>
internal static class StageGroups
{
    /// <summary>Everyone on the stage who does not moderate it.</summary>
    public static string Audience(string eventId, string sessionId) => $"stage:{eventId}:{sessionId}";

    /// <summary>Moderators of the stage: they get questions unmasked, so they are kept apart from the audience.</summary>
    public static string Moderators(string eventId, string sessionId) => $"stage:{eventId}:{sessionId}:moderators";

    public static IReadOnlyList<string> Everyone(string eventId, string sessionId) =>
        [Audience(eventId, sessionId), Moderators(eventId, sessionId)];

    /// <summary>The room id of the stage's chat and of its viewers' presence.</summary>
    public static string Room(string sessionId) => $"stage:{sessionId}";
}

namespace VirtualMeet.Contracts;

/// <summary>Where each hub listens. Clients and the server build hub URLs only from these.</summary>
public static class HubRoutes
{
    public const string Polls = "/hubs/polls";
    public const string Stage = "/hubs/keynote";
    public const string Breakouts = "/hubs/breakouts";
    public const string Bars = "/hubs/bar";
    public const string Notifications = "/hubs/notifications";

    /// <summary>Organizer-only: proves that a message crosses nodes (operators and smoke tests).</summary>
    public const string Diagnostics = "/hubs/diagnostics";

    /// <summary>The common prefix: requests under it may carry their bearer token as <c>access_token</c>.</summary>
    public const string Prefix = "/hubs";
}

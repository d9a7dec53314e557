namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>How hub messages reach connections on other nodes.</summary>
public enum BackplaneKind
{
    /// <summary>SignalR's own in-process manager: one node, no dependencies.</summary>
    InMemory,

    /// <summary>SignalR's official Redis backplane with resynchronisation: any number of nodes on one Redis.</summary>
    Redis,
}

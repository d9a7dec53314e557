using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.BaselineHub;

/// <summary>A hub with no methods: a held connection costs only what SignalR and Kestrel keep for it.</summary>
internal sealed class EmptyHub : Hub;

/// <summary>The baseline's hub path, shared with the load tool that connects to it.</summary>
public static class BaselineRoutes
{
    public const string Hub = "/hubs/baseline";
}

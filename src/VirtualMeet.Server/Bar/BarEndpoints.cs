using VirtualMeet.Server.Realtime;

namespace VirtualMeet.Server.Bar;

/// <summary>Maps <c>/hubs/bar</c>; the bars have no REST endpoints (their layout is part of the event).</summary>
internal static class BarEndpoints
{
    public static IEndpointRouteBuilder MapBarHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<BarHub>(Contracts.HubRoutes.Bar);
        return app;
    }
}

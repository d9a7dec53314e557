using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Maps <c>/hubs/bar</c>; the bars have no REST endpoints (their layout is part of the event).</summary>
internal static class BarsEndpoints
{
    public static IEndpointRouteBuilder MapBarsHub(this IEndpointRouteBuilder app)
    {
        app.MapRealtimeHub<BarsHub>(Contracts.HubRoutes.Bars);
        return app;
    }
}

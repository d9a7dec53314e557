namespace VirtualMeet.Server.Bar;

internal static class BarEndpoints
{
    public static IEndpointRouteBuilder MapBarHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<BarHub>(Contracts.HubRoutes.Bar);
        return app;
    }
}

using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Maps hubs the way <c>MapHub</c> does (the hub's attributes such as <c>[Authorize]</c> and <see cref="HubMetadata"/>
/// as endpoint metadata), with <see cref="SlowConsumers"/> between the transport and the hub.
/// </summary>
internal static class RealtimeHubMapping
{
    public static IEndpointConventionBuilder MapRealtimeHub<THub>(this IEndpointRouteBuilder endpoints, string pattern)
        where THub : Hub
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var slowConsumers = endpoints.ServiceProvider.GetRequiredService<SlowConsumers>();
        // Stateful reconnect swaps the transport's pipes under a running connection, which the outbound buffer
        // would not follow; the clients here reconnect and resynchronise instead.
        // A connection ends when its token expires (tokens are short-lived; the client reconnects with a renewed one),
        // so no connection outlives the token it was opened with.
        var options = new HttpConnectionDispatcherOptions { AllowStatefulReconnects = false, CloseOnAuthenticationExpiration = true };
        var endpoint = endpoints.MapConnections(pattern, options, connection => connection
            .Use(next => context => slowConsumers.OnConnectionAsync(context, next))
            .UseHub<THub>());

        var attributes = typeof(THub).GetCustomAttributes(inherit: true);
        endpoint.Add(builder =>
        {
            foreach (var attribute in attributes)
                builder.Metadata.Add(attribute);
            builder.Metadata.Add(new HubMetadata(typeof(THub)));
        });
        return endpoint;
    }
}

using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VirtualMeet.Testing;

/// <summary>Builds <see cref="HubConnection"/>s that talk to a real server over a real WebSocket.</summary>
public static class TestHubConnection
{
    public static HubConnection Create(Uri hubUrl, string? accessToken = null, Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(accessToken));
        builder.Services.TryAddSingleton<EndPoint>(new UriEndPoint(hubUrl));
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Creates and starts a connection, bounded by <see cref="TestTimeouts.Default"/>.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri hubUrl, string? accessToken = null, Action<IHubConnectionBuilder>? configure = null)
    {
        var connection = Create(hubUrl, accessToken, configure);
        await connection.StartAsync().WaitAsync(TestTimeouts.Default);
        return connection;
    }
}

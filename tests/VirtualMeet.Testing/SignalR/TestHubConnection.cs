using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
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
        await WaitUntilServerConnectedAsync(connection);
        return connection;
    }

    /// <summary>
    /// <c>StartAsync</c> returns at the handshake, before the server has run its lifetime manager's and hub's
    /// <c>OnConnectedAsync</c> (where user and connection channels are subscribed across nodes). The server answers
    /// invocations only after both, so one round trip makes the connection ready for every kind of push. The method
    /// does not exist on purpose: the round trip has no side effect on any hub.
    /// </summary>
    private static async Task WaitUntilServerConnectedAsync(HubConnection connection)
    {
        try
        {
            await connection.InvokeCoreAsync(ReadinessProbeMethod, typeof(object), []).WaitAsync(TestTimeouts.Default);
        }
        catch (HubException)
        {
            // "Method does not exist": the expected answer, and proof the server is past OnConnectedAsync.
        }
    }

    private const string ReadinessProbeMethod = "VirtualMeet.Testing.ReadinessProbe";
}

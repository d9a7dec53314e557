using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace VirtualMeet.Testing;

/// <summary>
/// The one way tests and tools build a <see cref="HubConnection"/> to a real server: the official .NET client
/// (<c>HubConnectionBuilder().WithUrl</c>) over real HTTP.
/// </summary>
public static class TestHubConnection
{
    /// <summary>
    /// Builds a connection that takes the path browsers take: negotiate, then the WebSocket the answer offers.
    /// Only WebSockets by default, so that a failing upgrade fails the test instead of falling back to a slower
    /// transport unnoticed; <paramref name="options"/> may choose other transports, skip the negotiate step or
    /// install an <see cref="AbortableWebSocketFactory"/>.
    /// </summary>
    public static HubConnection Create(
        Uri hubUrl,
        string? accessToken = null,
        Action<HttpConnectionOptions>? options = null,
        Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var builder = new HubConnectionBuilder().WithUrl(hubUrl, http =>
        {
            http.Transports = HttpTransportType.WebSockets;
            if (accessToken is not null)
            {
                http.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            }

            options?.Invoke(http);
        });
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Creates and starts a connection, bounded by <see cref="TestTimeouts.Default"/>, ready for every kind of push.</summary>
    public static async Task<HubConnection> ConnectAsync(
        Uri hubUrl,
        string? accessToken = null,
        Action<HttpConnectionOptions>? options = null,
        Action<IHubConnectionBuilder>? configure = null)
    {
        var connection = Create(hubUrl, accessToken, options, configure);
        try
        {
            await connection.StartAsync().WaitAsync(TestTimeouts.Default);
            await WaitUntilServerConnectedAsync(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

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

using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// A hub connection opened the way a browser opens it: a WebSocket to <c>/hubs/...</c> with the token as the
/// <c>access_token</c> query parameter (browsers cannot set headers on a WebSocket), then the SignalR JSON handshake.
/// Raw, so a test sees the status of the upgrade answer and controls exactly what is in the URL.
/// </summary>
internal sealed class HubWebSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;

    private HubWebSocket(ClientWebSocket socket) => _socket = socket;

    /// <summary>Opens the WebSocket and completes the handshake; throws <see cref="RefusedException"/> with the status when the upgrade is answered with something other than 101.</summary>
    /// <param name="validateCertificate">For <c>wss</c>: how the server certificate is checked (default: the machine's trust store).</param>
    public static async Task<HubWebSocket> OpenAsync(
        Uri httpBase, string hubPath, string query, CancellationToken cancellationToken,
        RemoteCertificateValidationCallback? validateCertificate = null)
    {
        var builder = new UriBuilder(new Uri(httpBase, hubPath)) { Query = query };
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.RemoteCertificateValidationCallback = validateCertificate;
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TestTimeouts.Default);
            try
            {
                await socket.ConnectAsync(builder.Uri, bound.Token);
            }
            catch (WebSocketException) when (socket.HttpStatusCode is not HttpStatusCode.SwitchingProtocols and not 0)
            {
                throw new RefusedException(socket.HttpStatusCode);
            }

            var handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
            await socket.SendAsync(handshake, WebSocketMessageType.Text, endOfMessage: true, bound.Token);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, bound.Token);
            var answer = Encoding.UTF8.GetString(buffer, 0, received.Count);
            if (answer != "{}" + RecordSeparator)
            {
                throw new InvalidOperationException($"The hub refused the handshake: {answer}");
            }

            return new HubWebSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var bound = new CancellationTokenSource(TestTimeouts.Default);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, bound.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Closing is best effort; the socket goes either way.
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>The upgrade was answered with <paramref name="status"/> instead of 101.</summary>
    internal sealed class RefusedException(HttpStatusCode status) : Exception($"The WebSocket upgrade was answered with {(int)status}.")
    {
        public HttpStatusCode Status { get; } = status;
    }
}

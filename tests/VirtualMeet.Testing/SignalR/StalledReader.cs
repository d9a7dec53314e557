using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VirtualMeet.Testing;

/// <summary>
/// A hub client that stops reading: a raw socket with a tiny receive buffer (so the server's writes back up after a
/// few kilobytes), the WebSocket upgrade and the SignalR JSON handshake done by hand, a few hub calls, then silence.
/// It sends nothing either, not even pings. <see cref="ReadUntilClosedAsync"/> resumes reading to see whether the
/// server has ended the connection.
/// </summary>
public sealed class StalledReader : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private const int TinyReceiveBuffer = 2048;

    private static readonly string UnknownMethod = "Prefill" + new string('x', 30_000);

    private readonly WebSocket _socket;
    private readonly Queue<string> _records = new();
    private int _invocations;

    private StalledReader(WebSocket socket) => _socket = socket;

    /// <summary>Opens the WebSocket to <paramref name="hubUrl"/> and completes the SignalR handshake.</summary>
    public static async Task<StalledReader> ConnectAsync(Uri hubUrl, string? accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            // Set before connecting, so the window the client announces stays this small.
            ReceiveBufferSize = TinyReceiveBuffer,
            NoDelay = true,
        };
        try
        {
            await socket.ConnectAsync(hubUrl.Host, hubUrl.Port, cancellationToken);
            var stream = new NetworkStream(socket, ownsSocket: true);
            await UpgradeAsync(stream, hubUrl, accessToken, cancellationToken);
            var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = Timeout.InfiniteTimeSpan });
            var reader = new StalledReader(webSocket);
            await reader.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
            var handshake = await reader.ReceiveRecordAsync(cancellationToken);
            if (handshake != "{}")
                throw new InvalidOperationException($"SignalR handshake refused: {handshake}");
            return reader;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Invokes a hub method and reads until its completion arrives; call this before the client stalls.</summary>
    public async Task InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken = default)
    {
        var id = await SendInvocationAsync(target, arguments, cancellationToken);
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveRecordAsync(cancellationToken));
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
            {
                if (root.TryGetProperty("error", out var error))
                    throw new InvalidOperationException($"{target} failed: {error.GetString()}");
                return;
            }
        }
    }

    /// <summary>
    /// Invokes a hub method <paramref name="count"/> times without reading the results: the server's answers pile up
    /// in front of this client, as a stream of pushes would, without anyone else receiving them.
    /// </summary>
    public async Task InvokeWithoutReadingAsync(string target, object?[] arguments, int count, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
            await SendInvocationAsync(target, arguments, cancellationToken);
    }

    /// <summary>
    /// Fills the server's path to this client with about <paramref name="bytes"/> of answers it never reads, so that
    /// what the server sends next meets a transport that accepts nothing. On loopback the kernel's send buffer grows
    /// to megabytes, which a real client's network would never allow, and most pushes are small or coalesced; so
    /// this calls a method the hub does not have, under a name of 30 KB that each error answer repeats (below
    /// <c>Realtime:MaximumReceiveMessageSize</c>, 32 KB, so the call is read and answered rather than refused).
    /// </summary>
    public Task FillWithUnreadAnswersAsync(long bytes, CancellationToken cancellationToken = default) =>
        InvokeWithoutReadingAsync(UnknownMethod, [], (int)Math.Max(1, bytes / UnknownMethod.Length), cancellationToken);

    /// <summary>
    /// Reads (and discards) whatever the server sent until it ends the connection; true if it did within
    /// <paramref name="within"/>. Reading lets the server's writes through again, so call it only once the
    /// stall has done its work.
    /// </summary>
    public async Task<bool> ReadUntilClosedAsync(TimeSpan within)
    {
        using var bound = new CancellationTokenSource(within);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, bound.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return true;
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task UpgradeAsync(NetworkStream stream, Uri hubUrl, string? accessToken, CancellationToken cancellationToken)
    {
        var target = hubUrl.PathAndQuery;
        if (accessToken is not null)
            target += (hubUrl.Query.Length == 0 ? "?" : "&") + "access_token=" + Uri.EscapeDataString(accessToken);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {target} HTTP/1.1\r\nHost: {hubUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);

        // The server sends nothing after its 101 until the handshake, so reading byte by byte to the blank line is exact.
        var response = new StringBuilder();
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
                throw new IOException("The server closed the connection during the WebSocket upgrade.");
            response.Append((char)one[0]);
        }

        if (!response.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new InvalidOperationException($"WebSocket upgrade refused: {response.ToString().Split("\r\n")[0]}");
    }

    private async Task<string> SendInvocationAsync(string target, object?[] arguments, CancellationToken cancellationToken)
    {
        var id = (++_invocations).ToString(CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }), cancellationToken);
        return id;
    }

    private Task SendAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private async Task<string> ReceiveRecordAsync(CancellationToken cancellationToken)
    {
        // One frame may carry several records (the server batches what its pipe holds).
        if (_records.TryDequeue(out var record))
            return record;

        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException("The server closed the connection.");
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        foreach (var part in Encoding.UTF8.GetString(message.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            _records.Enqueue(part);
        return _records.Dequeue();
    }
}

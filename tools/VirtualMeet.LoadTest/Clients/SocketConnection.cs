using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// A <see cref="ConnectionContext"/> over a <see cref="ClientWebSocket"/> that can also be dropped abruptly
/// (<see cref="Abort"/>: no close frame, as when a laptop loses its network), which the chaos runs need.
/// One loop copies received frames into the input pipe, another sends what the hub connection writes.
/// </summary>
internal sealed class SocketConnection : ConnectionContext
{
    private readonly ClientWebSocket _socket;
    private readonly Pipe _input = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(useSynchronizationContext: false));
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    private SocketConnection(ClientWebSocket socket)
    {
        _socket = socket;
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public static SocketConnection Start(ClientWebSocket socket)
    {
        var connection = new SocketConnection(socket);
        connection._receiving = connection.ReceiveAsync();
        connection._sending = connection.SendAsync();
        return connection;
    }

    public override void Abort() => _socket.Abort();

    public override async ValueTask DisposeAsync()
    {
        // Completing the output ends the send loop, which closes the socket, which ends the receive loop.
        await _output.Writer.CompleteAsync();
        await _input.Reader.CompleteAsync();
        try
        {
            await Task.WhenAll(_receiving, _sending).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }

        _socket.Dispose();
        await base.DisposeAsync();
    }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _input.Writer.GetMemory(4096);
                var result = await _socket.ReceiveAsync(memory, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                _input.Writer.Advance(result.Count);
                if ((await _input.Writer.FlushAsync()).IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            error = ex is WebSocketException ? ex : null;
        }
        finally
        {
            await _input.Writer.CompleteAsync(error);
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    foreach (var segment in buffer)
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
                    if (!buffer.IsEmpty)
                        await _socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
                finally
                {
                    _output.Reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                    break;
            }

            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The server went away or the socket was aborted; the receive loop reports the closure.
        }
        finally
        {
            await _output.Reader.CompleteAsync();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}

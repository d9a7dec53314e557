using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VirtualMeet.Testing;

/// <summary>
/// A loopback TCP relay in front of a server, for a fault that hits one process only: <see cref="Cut"/> resets every
/// relayed connection and refuses new ones until <see cref="Restore"/>, while processes connected to the server
/// directly see nothing. <see cref="Pause"/> holds every byte in both directions with the connections open, as a hung
/// server does (it accepts, it never answers), until <see cref="Resume"/> delivers them. Real sockets, no fakes: the
/// client library notices exactly what it would in production.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private TaskCompletionSource _flowing = Flowing();
    private volatile bool _cut;
    private readonly System.Text.StringBuilder _fromClients = new();

    private TcpRelay(int targetPort)
    {
        TargetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// Whether clients sent <paramref name="text"/> (held or relayed) since the last call to <see cref="Pause"/>: tells a
    /// test that a request has left its client. RESP is text, so a command's name and key are found as written.
    /// </summary>
    public bool HasReceived(string text)
    {
        lock (_fromClients)
        {
            return _fromClients.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    /// <summary>The port on loopback that connections are relayed to.</summary>
    public int TargetPort { get; }

    public static TcpRelay Start(int targetPort) => new(targetPort);

    /// <summary>Resets every relayed connection (no goodbye, as when a network path fails) and refuses new ones.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => _cut = false;

    /// <summary>Holds what either side sends, keeping every connection open: a hung server, not a dead one.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            lock (_fromClients)
            {
                _fromClients.Clear();
            }

            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Delivers what was held and relays again.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open.TryAdd(client, 0);
        _open.TryAdd(server, 0);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, TargetPort, _stopping.Token);
            // Whichever direction ends first ends both: a reset on one side must reach the other.
            await Task.WhenAny(PumpAsync(client, server, fromClient: true), PumpAsync(server, client, fromClient: false));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            Reset(client);
            Reset(server);
            client.Dispose();
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private Task WhileFlowing()
    {
        lock (_gate)
        {
            return _flowing.Task;
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool fromClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                if (fromClient)
                {
                    lock (_fromClients)
                    {
                        // Only what came while paused is kept: a test asks about the request it is holding.
                        if (!_flowing.Task.IsCompleted && _fromClients.Length < 1024 * 1024)
                        {
                            _fromClients.Append(System.Text.Encoding.Latin1.GetString(buffer, 0, read));
                        }
                    }
                }

                await WhileFlowing();
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    // Linger 0 makes Close send RST instead of FIN: the peer sees a broken connection, not an orderly goodbye.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

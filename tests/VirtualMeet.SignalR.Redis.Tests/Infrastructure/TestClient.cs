using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>A message the server wrote to a test client, read from the JSON hub protocol's wire form.</summary>
public sealed record Received(int Type, string? Target, JsonElement[] Arguments, string? InvocationId)
{
    public string FirstArgument => Arguments.Length > 0 ? Arguments[0].ToString() : "";
}

/// <summary>
/// An in-memory hub connection: a <see cref="HubConnectionContext"/> over a pair of pipes, speaking JSON.
/// Nothing runs in the background: <see cref="TryRead"/> sees exactly what the server has written so far.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly Pipe _toClient = new();
    private readonly Pipe _fromClient = new();
    private readonly Queue<Received> _parsed = new();

    public TestClient(string? userId = null, bool failWrites = false)
    {
        PipeWriter output = failWrites ? new ThrowingPipeWriter() : _toClient.Writer;
        var transport = new Duplex(_fromClient.Reader, output);
        var application = new Duplex(_toClient.Reader, _fromClient.Writer);
        var context = new DefaultConnectionContext(Guid.NewGuid().ToString("N"), transport, application);
        Connection = new HubConnectionContext(context, new HubConnectionContextOptions
        {
            KeepAliveInterval = TimeSpan.FromMinutes(5),
            ClientTimeoutInterval = TimeSpan.FromMinutes(5),
        }, NullLoggerFactory.Instance)
        {
            Protocol = new JsonHubProtocol(),
            UserIdentifier = userId,
        };
    }

    public HubConnectionContext Connection { get; }

    public string ConnectionId => Connection.ConnectionId;

    /// <summary>The next invocation written to this client, bounded by <see cref="TestTimeouts.Default"/>.</summary>
    public async Task<Received> ReadAsync(TimeSpan? timeout = null)
    {
        using var bound = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (true)
        {
            if (_parsed.TryDequeue(out var message))
            {
                return message;
            }

            ReadResult result;
            try
            {
                result = await _toClient.Reader.ReadAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Client {ConnectionId} received nothing within {timeout ?? TestTimeouts.Default}.");
            }

            Consume(result);
            if (result.IsCompleted && _parsed.Count == 0)
            {
                throw new InvalidOperationException("The connection's output completed.");
            }
        }
    }

    /// <summary>The next message the server has already written, or null.</summary>
    public Received? TryRead()
    {
        if (_parsed.Count == 0 && _toClient.Reader.TryRead(out var result))
        {
            Consume(result);
        }

        return _parsed.TryDequeue(out var message) ? message : null;
    }

    public async Task<List<Received>> ReadManyAsync(int count, TimeSpan? timeout = null)
    {
        var messages = new List<Received>(count);
        for (var i = 0; i < count; i++)
        {
            messages.Add(await ReadAsync(timeout));
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Abort();
        await _toClient.Writer.CompleteAsync();
        await _fromClient.Writer.CompleteAsync();
    }

    private void Consume(ReadResult result)
    {
        var buffer = result.Buffer;
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySequence<byte> frame, (byte)0x1e))
        {
            using var json = JsonDocument.Parse(frame);
            var root = json.RootElement;
            var type = root.GetProperty("type").GetInt32();
            if (type == 6)
            {
                continue; // ping
            }

            var target = root.TryGetProperty("target", out var t) ? t.GetString() : null;
            var id = root.TryGetProperty("invocationId", out var i) ? i.GetString() : null;
            var args = root.TryGetProperty("arguments", out var a) ? a.EnumerateArray().Select(e => e.Clone()).ToArray() : [];
            _parsed.Enqueue(new Received(type, target, args, id));
        }

        _toClient.Reader.AdvanceTo(reader.Position, buffer.End);
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>A transport whose every write fails, like a connection that broke under the server.</summary>
    private sealed class ThrowingPipeWriter : PipeWriter
    {
        public override void Advance(int bytes) => throw new IOException("Broken test connection.");

        public override Memory<byte> GetMemory(int sizeHint = 0) => throw new IOException("Broken test connection.");

        public override Span<byte> GetSpan(int sizeHint = 0) => throw new IOException("Broken test connection.");

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromException<FlushResult>(new IOException("Broken test connection."));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Connection middleware in front of every hub (<see cref="RealtimeHubMapping"/>): gives each connection an
/// <see cref="OutboundBuffer"/>, so a client that stops reading delays no one else, and aborts it when its backlog
/// passes <see cref="RealtimeOptions.OutboundBufferLimit"/> or <see cref="RealtimeOptions.OutboundBufferMaxAge"/>.
/// It sits below the hub lifetime manager, so it holds for any backplane.
/// </summary>
internal sealed partial class SlowConsumers(IOptions<RealtimeOptions> options, TimeProvider time, IMeterFactory meters, ILogger<SlowConsumers> logger)
{
    /// <summary>The meter name to listen to (OpenTelemetry, dotnet-counters).</summary>
    public const string MeterName = "VirtualMeet.Realtime";

    private readonly Counter<long> _aborted = meters.Create(MeterName).CreateCounter<long>(
        "virtualmeet.realtime.slow_consumers_aborted", "{connection}", "Connections aborted because their client did not read their messages.");

    private readonly ConcurrentDictionary<OutboundBuffer, byte> _open = new();
    private long _abortedTotal;

    // Kept beside the instrument so that diagnostics and tests can read it without a listener.
    internal long AbortedTotal => Volatile.Read(ref _abortedTotal);

    /// <summary>Open connections whose client is not keeping up right now (their writes go to the backlog).</summary>
    internal int BufferingNow => _open.Keys.Count(buffer => buffer.IsBuffering && !buffer.IsAborted);

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var limits = options.Value;
        var buffer = new OutboundBuffer(transport.Output, limits.OutboundBufferLimit, limits.OutboundBufferMaxAge, time,
            (reason, backlog) => Abort(connection, reason, backlog));
        connection.Transport = new BufferedTransport(transport.Input, buffer);
        _open.TryAdd(buffer, 0);
        try
        {
            await next(connection);
        }
        finally
        {
            // The connection completes the transport's writer once this returns: nothing may write to it after that.
            _open.TryRemove(buffer, out _);
            await buffer.StopAsync();
            connection.Transport = transport;
        }
    }

    private void Abort(ConnectionContext connection, SlowConsumerReason reason, long backlog)
    {
        Interlocked.Increment(ref _abortedTotal);
        _aborted.Add(1, new KeyValuePair<string, object?>("reason", reason == SlowConsumerReason.Bytes ? "bytes" : "age"));
        LogAborted(connection.ConnectionId, reason, backlog);
        connection.Abort(new ConnectionAbortedException($"The client did not read its messages ({reason} limit of the outbound buffer)."));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} aborted as a slow consumer: {Reason} limit passed with {BacklogBytes} bytes waiting.")]
    private partial void LogAborted(string connectionId, SlowConsumerReason reason, long backlogBytes);

    private sealed class BufferedTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}

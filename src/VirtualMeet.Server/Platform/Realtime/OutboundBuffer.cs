using System.Buffers;
using System.IO.Pipelines;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>Why a slow consumer was cut off.</summary>
internal enum SlowConsumerReason
{
    /// <summary>The backlog passed <see cref="RealtimeOptions.OutboundBufferLimit"/>.</summary>
    Bytes,

    /// <summary>The transport accepted nothing for <see cref="RealtimeOptions.OutboundBufferMaxAge"/>.</summary>
    Age,
}

/// <summary>
/// The writer a hub connection writes its messages into, in front of the transport's pipe. SignalR awaits every
/// flush, holding the connection's write lock, and a fan-out awaits every connection's write; when one client
/// stops reading, the transport pipe fills (<c>TransportMaxBufferSize</c>) and everyone behind that fan-out waits.
/// Here a flush never waits: while the transport accepts, writes pass straight into its pipe (no copy, no hop);
/// once it refuses, writes go to a backlog that a drainer hands over as the transport frees up. A backlog larger
/// than the byte limit, or a transport that accepted nothing for the age limit, aborts the connection; the client
/// reconnects and resynchronises as after any gap.
/// </summary>
/// <remarks>
/// One writer at a time (the hub connection's write lock guarantees it) and one drainer. The writer alone decides
/// to start buffering; the drainer alone decides to stop, under <see cref="_gate"/>, and only when the writer is
/// not halfway through a message into the backlog, so a message never straddles the two paths and order holds.
/// </remarks>
internal sealed class OutboundBuffer : PipeWriter
{
    // The backlog never pushes back: the byte limit, checked on every flush, is its bound.
    private static readonly PipeOptions BacklogOptions = new(
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        readerScheduler: PipeScheduler.ThreadPool,
        writerScheduler: PipeScheduler.Inline,
        useSynchronizationContext: false);

    private readonly PipeWriter _transport;
    private readonly long _limit;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly Action<SlowConsumerReason, long> _abort;
    private readonly Lock _gate = new();

    private Pipe? _backlog;
    private bool _buffering;
    private bool _writingToBacklog;
    private long _backlogBytes;
    private int _advancedIntoBacklog;
    private int _aborted;
    private Task _drainer = Task.CompletedTask;

    /// <param name="transport">The transport's writer, whose flush waits while the client does not read.</param>
    /// <param name="limit">Bytes the backlog may hold.</param>
    /// <param name="maxAge">How long the transport may accept nothing while the backlog waits.</param>
    /// <param name="time">The clock of the age limit.</param>
    /// <param name="abort">Aborts the connection; called once, with the reason and the backlog's size.</param>
    public OutboundBuffer(PipeWriter transport, long limit, TimeSpan maxAge, TimeProvider time, Action<SlowConsumerReason, long> abort)
    {
        _transport = transport;
        _limit = limit;
        _maxAge = maxAge;
        _time = time;
        _abort = abort;
    }

    /// <summary>Bytes written but not yet accepted by the transport.</summary>
    public long BacklogBytes
    {
        get
        {
            lock (_gate) return _backlogBytes;
        }
    }

    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>The transport refused a write and the backlog is in use: the client is not keeping up.</summary>
    public bool IsBuffering => Volatile.Read(ref _buffering);

    public override Span<byte> GetSpan(int sizeHint = 0) => Target().GetSpan(sizeHint);

    public override Memory<byte> GetMemory(int sizeHint = 0) => Target().GetMemory(sizeHint);

    public override void Advance(int bytes)
    {
        if (_writingToBacklog)
        {
            _backlog!.Writer.Advance(bytes);
            _advancedIntoBacklog += bytes;
        }
        else
        {
            _transport.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_writingToBacklog)
            return FlushIntoBacklog(cancellationToken);

        // Not the caller's token: should this flush wait, the drainer owns it, and the caller's cancellation must not
        // end the drainer with the backlog undelivered. The caller itself never waits on it.
        var flush = _transport.FlushAsync(CancellationToken.None);
        if (flush.IsCompleted)
            return flush;

        // The transport's pipe is full: its flush waits for the client. The drainer waits instead of the caller.
        _backlog ??= new Pipe(BacklogOptions);
        lock (_gate) _buffering = true;
        _drainer = DrainAsync(flush);
        return ValueTask.FromResult(default(FlushResult));
    }

    public override void CancelPendingFlush()
    {
        // The caller never has a flush pending here; the one that waits belongs to the drainer.
        _transport.CancelPendingFlush();
    }

    /// <summary>Nothing to do: the transport's writer belongs to the connection, which completes it after <see cref="StopAsync"/>.</summary>
    public override void Complete(Exception? exception = null)
    {
    }

    /// <summary>
    /// Called once the hub wrote its last message: lets the drainer hand over what is left (bounded by the age limit)
    /// and returns when nothing touches the transport's writer any more.
    /// </summary>
    public async Task StopAsync()
    {
        _backlog?.Writer.Complete();
        await _drainer;
    }

    private PipeWriter Target()
    {
        if (_writingToBacklog)
            return _backlog!.Writer;

        // Only this writer turns buffering on, so "off" read here stays off until its own next flush.
        if (!Volatile.Read(ref _buffering))
            return _transport;

        lock (_gate)
        {
            if (!_buffering)
                return _transport;
            _writingToBacklog = true;
            return _backlog!.Writer;
        }
    }

    private ValueTask<FlushResult> FlushIntoBacklog(CancellationToken cancellationToken)
    {
        long backlog;
        lock (_gate)
        {
            _writingToBacklog = false;
            _backlogBytes += _advancedIntoBacklog;
            backlog = _backlogBytes;
        }

        _advancedIntoBacklog = 0;
        if (backlog > _limit)
        {
            Abort(SlowConsumerReason.Bytes, backlog);
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: true));
        }

        // Never waits: the backlog does not push back. It wakes the drainer if the transport has room again.
        return _backlog!.Writer.FlushAsync(cancellationToken);
    }

    private async Task DrainAsync(ValueTask<FlushResult> pending)
    {
        var backlog = _backlog!.Reader;
        var connectionOver = true;
        try
        {
            while (await AcceptedAsync(pending))
            {
                lock (_gate)
                {
                    if (_backlogBytes == 0 && !_writingToBacklog)
                    {
                        // Caught up: the writer goes straight to the transport again; the backlog stays for the next stall.
                        _buffering = false;
                        connectionOver = false;
                        return;
                    }
                }

                var read = await backlog.ReadAsync();
                if (IsAborted)
                    return;

                var buffer = read.Buffer;
                var length = buffer.Length;
                foreach (var segment in buffer)
                    _transport.Write(segment.Span);
                // The sequence's segments go back to the pool here: nothing of it may be read after this line.
                backlog.AdvanceTo(buffer.End);
                lock (_gate) _backlogBytes -= length;
                if (read.IsCompleted)
                {
                    // The hub wrote its last message (StopAsync): hand over the rest, still bounded by the age limit.
                    await AcceptedAsync(_transport.FlushAsync());
                    return;
                }

                pending = _transport.FlushAsync();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // The connection is going away: its transport was completed or the flush canceled. Nothing left to deliver.
        }
        finally
        {
            if (connectionOver)
            {
                // Later writes into the backlog are discarded (a completed reader turns Advance into a no-op).
                await backlog.CompleteAsync();
            }
        }
    }

    /// <summary>Waits for the transport to take the last write, at most the age limit; false when the connection is done.</summary>
    private async ValueTask<bool> AcceptedAsync(ValueTask<FlushResult> pending)
    {
        if (IsAborted)
            return false;

        FlushResult result;
        if (pending.IsCompleted)
        {
            result = await pending;
        }
        else
        {
            using var expiry = new CancellationTokenSource(_maxAge, _time);
            using (expiry.Token.UnsafeRegister(static transport => ((PipeWriter)transport!).CancelPendingFlush(), _transport))
            {
                result = await pending;
            }

            if (expiry.IsCancellationRequested)
            {
                Abort(SlowConsumerReason.Age, BacklogBytes);
                return false;
            }
        }

        return !result.IsCompleted && !result.IsCanceled && !IsAborted;
    }

    private void Abort(SlowConsumerReason reason, long backlog)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
            return;

        _abort(reason, backlog);
        // Releases the drainer wherever it waits; the connection is closing, so what it holds no longer matters.
        _transport.CancelPendingFlush();
        _backlog?.Reader.CancelPendingRead();
    }
}

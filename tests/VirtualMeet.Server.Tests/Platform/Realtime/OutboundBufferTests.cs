using System.Buffers;
using System.IO.Pipelines;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// The outbound buffer against a pipe that stands in for the transport: it pushes back after
/// <see cref="TransportPause"/> unread bytes, as SignalR's transport pipe does after TransportMaxBufferSize.
/// </summary>
public sealed class OutboundBufferTests
{
    private const int TransportPause = 1024;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Pipe _transport = new(new PipeOptions(
        pauseWriterThreshold: TransportPause, resumeWriterThreshold: TransportPause / 2,
        readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));

    private readonly ManualTimeProvider _time = new();
    private readonly List<SlowConsumerReason> _aborts = [];
    private readonly TaskCompletionSource<SlowConsumerReason> _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task TrafficToAReadingClientPassesUnchangedAndInOrder()
    {
        var buffer = CreateBuffer(limit: 64 * 1024);
        var received = ReadAllAsync();
        var sent = new MemoryStream();

        for (var n = 0; n < 500; n++)
            Write(buffer, Message(n, 1 + n % 300), sent);

        var delivered = await StopAndCollectAsync(buffer, received);
        Assert.Equal(sent.ToArray(), delivered);
        Assert.Empty(_aborts);
    }

    [Fact]
    public async Task AClientThatStopsReadingNeverMakesTheWriterWait()
    {
        var buffer = CreateBuffer(limit: 64 * 1024);

        // Write() asserts that every flush completed at once; ten times the transport's pause threshold goes to the backlog.
        for (var n = 0; n < 100; n++)
            Write(buffer, Message(n, 100));

        Assert.True(buffer.BacklogBytes > 0);
        Assert.Empty(_aborts);

        // The client goes away, as a stalled one eventually does: the buffer stops without anyone waiting on it.
        await _transport.Reader.CompleteAsync();
        await buffer.StopAsync().WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AClientThatResumesReadingGetsTheBacklogInOrderAndTheWriterGoesStraightThroughAgain()
    {
        var buffer = CreateBuffer(limit: 64 * 1024);
        var sent = new MemoryStream();
        for (var n = 0; n < 100; n++)
            Write(buffer, Message(n, 100), sent);
        Assert.True(buffer.BacklogBytes > 0);

        var received = ReadAllAsync();
        await Eventually.UntilAsync(() => Task.FromResult(buffer.BacklogBytes), backlog => backlog == 0, because: "the drainer hands the backlog over");
        for (var n = 100; n < 200; n++)
            Write(buffer, Message(n, 100), sent);

        var delivered = await StopAndCollectAsync(buffer, received);
        Assert.Equal(sent.ToArray(), delivered);
        Assert.Empty(_aborts);
    }

    [Fact]
    public async Task ABacklogPastTheByteLimitAbortsTheConnectionOnce()
    {
        var buffer = CreateBuffer(limit: 4096);

        for (var n = 0; n < 100; n++)
            Write(buffer, Message(n, 100));

        Assert.Equal(SlowConsumerReason.Bytes, await _aborted.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken));
        Assert.Single(_aborts);
        await buffer.StopAsync().WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ATransportThatAcceptsNothingForTheMaxAgeAbortsTheConnection()
    {
        var buffer = CreateBuffer(limit: 64 * 1024);
        for (var n = 0; n < 20; n++)
            Write(buffer, Message(n, 100));

        _time.Advance(MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_aborts);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SlowConsumerReason.Age, await _aborted.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken));
        Assert.Single(_aborts);

        // After the abort writes are discarded, and still never wait.
        for (var n = 0; n < 100; n++)
            Write(buffer, Message(n, 100));
        await buffer.StopAsync().WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AClientThatKeepsReadingSlowlyIsNotCutOffByTheAgeLimit()
    {
        var buffer = CreateBuffer(limit: 64 * 1024);
        var sent = new MemoryStream();
        var delivered = new MemoryStream();
        for (var round = 0; round < 5; round++)
        {
            for (var n = 0; n < 20; n++)
                Write(buffer, Message(n, 100), sent);

            // Less than the age limit passes before the client reads a little.
            _time.Advance(MaxAge / 2);
            await ReadSomeAsync(delivered);
        }

        Assert.Empty(_aborts);
        var rest = ReadAllAsync();
        var all = await StopAndCollectAsync(buffer, rest);
        Assert.Equal(sent.ToArray(), delivered.ToArray().Concat(all).ToArray());
    }

    private OutboundBuffer CreateBuffer(long limit) =>
        new(_transport.Writer, limit, MaxAge, _time, (reason, _) =>
        {
            lock (_aborts) _aborts.Add(reason);
            _aborted.TrySetResult(reason);
        });

    private static byte[] Message(int n, int length)
    {
        var message = new byte[length];
        for (var i = 0; i < length; i++)
            message[i] = (byte)(n + i);
        return message;
    }

    private static void Write(OutboundBuffer buffer, byte[] message, MemoryStream? sent = null)
    {
        buffer.Write(message);
        var flush = buffer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.True(flush.IsCompleted, "a flush waited for the client");
        sent?.Write(message);
    }

    private async Task ReadSomeAsync(MemoryStream into)
    {
        var read = await _transport.Reader.ReadAsync(TestContext.Current.CancellationToken);
        foreach (var segment in read.Buffer)
            into.Write(segment.Span);
        _transport.Reader.AdvanceTo(read.Buffer.End);
    }

    private async Task<byte[]> ReadAllAsync()
    {
        var received = new MemoryStream();
        while (true)
        {
            var read = await _transport.Reader.ReadAsync();
            foreach (var segment in read.Buffer)
                received.Write(segment.Span);
            _transport.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                return received.ToArray();
        }
    }

    private async Task<byte[]> StopAndCollectAsync(OutboundBuffer buffer, Task<byte[]> reading)
    {
        await buffer.StopAsync().WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        // As the connection does once the hub is done: the transport's writer completes after the buffer stopped.
        await _transport.Writer.CompleteAsync();
        return await reading.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
    }
}

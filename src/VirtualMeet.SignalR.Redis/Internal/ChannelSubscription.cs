using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VirtualMeet.SignalR.Redis.Internal;

/// One Redis channel this node listens to. The Redis callback only hands the payload to a bounded queue; a single
/// consumer, off the multiplexer's callback thread, runs the handler. That keeps order per channel, keeps a slow
/// handler from stalling every other channel, and turns a throwing handler into a log entry.
internal sealed class ChannelSubscription
{
    private readonly Channel<byte[]> _queue;
    private readonly Func<byte[], Task> _handler;
    private readonly RedisBackplaneMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private long _dropped;

    public ChannelSubscription(RedisChannel channel, Func<byte[], Task> handler, int capacity, RedisBackplaneMetrics metrics, ILogger logger)
    {
        Channel = channel;
        Name = channel.ToString();
        _handler = handler;
        _metrics = metrics;
        _logger = logger;
        _capacity = capacity;
        _queue = System.Threading.Channels.Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            OnDropped);
        Consumer = Task.Run(ConsumeAsync);
    }

    public RedisChannel Channel { get; }

    public string Name { get; }

    /// The client's ordered queue of this channel while subscribed: unsubscribing it removes only this handler.
    /// StackExchange.Redis calls plain handler delegates concurrently, so order per channel needs the queue.
    public ChannelMessageQueue? RedisQueue { get; private set; }

    public void Attach(ChannelMessageQueue queue)
    {
        RedisQueue = queue;
        queue.OnMessage(OnRedisMessage);
    }

    public Task DetachAsync()
    {
        var queue = RedisQueue;
        RedisQueue = null;
        return queue?.UnsubscribeAsync() ?? Task.CompletedTask;
    }

    /// Serialises subscribe, renew and remove of this one channel.
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// True once Redis confirmed the subscription; false while it waits for the repair loop.
    public bool Confirmed { get; set; }

    public bool Removed { get; set; }

    public Task Consumer { get; }

    public void Complete() => _queue.Writer.TryComplete();

    private void OnRedisMessage(ChannelMessage message)
    {
        byte[]? payload = message.Message;
        if (payload is not null)
        {
            _queue.Writer.TryWrite(payload);
        }
    }

    private void OnDropped(byte[] payload)
    {
        _metrics.Dropped();
        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            BackplaneLog.QueueFull(_logger, Name, _capacity);
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var payload in _queue.Reader.ReadAllAsync())
        {
            _metrics.Received();
            try
            {
                await _handler(payload);
            }
#pragma warning disable CA1031 // The consumer must survive any handler failure, or the channel would stop flowing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                BackplaneLog.HandlerFailed(_logger, Name, ex);
            }
        }
    }
}

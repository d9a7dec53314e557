using System.Collections.Concurrent;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Pending remote group commands, completed by acks arriving on this node's ack channel.
internal sealed class AckTracker
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
    private long _nextId;

    public (long Id, Task Acked) Create()
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        return (id, tcs.Task);
    }

    public void Complete(long id)
    {
        if (_pending.TryRemove(id, out var tcs))
        {
            tcs.TrySetResult();
        }
    }

    public void Forget(long id) => _pending.TryRemove(id, out _);
}

using System.Collections.Concurrent;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>
/// One-shot timers by key, from <see cref="TimeProvider"/> (so tests move time): at most one per key, fired once
/// at its deadline (at once when the deadline passed) and then forgotten. A timer callback has nobody to throw to,
/// so a failure goes to <paramref name="onFailure"/>. The users (poll and breakout closes, meeting tables) all make
/// a lost timer harmless: another node or the next read does the same work, and the store lets one caller win.
/// </summary>
internal sealed class DeadlineTimers<TKey>(TimeProvider time, Func<TKey, Task> onDue, Action<Exception, TKey> onFailure) : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ITimer> _timers = new();

    /// <summary>Sets the key's deadline, replacing an earlier one.</summary>
    public void Schedule(TKey key, DateTimeOffset dueAt)
    {
        var timer = Create(key);
        if (_timers.TryRemove(key, out var previous))
            previous.Dispose();
        _timers[key] = timer;
        Start(timer, dueAt);
    }

    /// <summary>Sets the key's deadline unless it has one already.</summary>
    public void Ensure(TKey key, DateTimeOffset dueAt)
    {
        if (_timers.ContainsKey(key))
            return;
        var timer = Create(key);
        if (_timers.TryAdd(key, timer))
            Start(timer, dueAt);
        else
            timer.Dispose();
    }

    public void Cancel(TKey key)
    {
        if (_timers.TryRemove(key, out var timer))
            timer.Dispose();
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
            timer.Dispose();
        _timers.Clear();
    }

    // Created stopped and started once stored, so a deadline in the past cannot fire before the timer is known.
    private ITimer Create(TKey key)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ => _ = FireAsync(key, timer!), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return timer;
    }

    private void Start(ITimer timer, DateTimeOffset dueAt)
    {
        var due = dueAt - time.GetUtcNow();
        timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task FireAsync(TKey key, ITimer timer)
    {
        // Only this timer's own entry: a replacement scheduled meanwhile stays.
        if (_timers.TryRemove(new KeyValuePair<TKey, ITimer>(key, timer)))
            timer.Dispose();
        else
            return;

        try
        {
            await onDue(key);
        }
        catch (Exception e)
        {
            onFailure(e, key);
        }
    }
}

using System.Collections.Concurrent;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>What one push attempt of a round did.</summary>
internal enum PushOutcome
{
    /// <summary>A push went out.</summary>
    Pushed,

    /// <summary>Nothing (new) to push: the work is done.</summary>
    NothingToPush,

    /// <summary>Not now, e.g. another node holds the cluster push claim: the work stays marked for a later round.</summary>
    Deferred,
}

/// <summary>
/// Work marked per key and pushed in rounds: marking merges with what is already marked, a round takes each key
/// once, and what a round defers or fails to push is marked again (merged with anything marked meanwhile), so
/// the latest change always goes out and a failed round (Redis briefly away) loses nothing.
/// </summary>
/// <param name="merge">Combines marked work with newly marked work (e.g. the union of changed tables).</param>
/// <param name="onFailure">Logs a failed push; the work is marked again either way.</param>
internal sealed class CoalescedPushes<TKey, TPending>(Func<TPending, TPending, TPending> merge, Action<Exception, TKey> onFailure)
    where TKey : notnull
{
    // Atomic add-or-merge against the round's TryRemove: a mark racing a round is either taken by it or kept.
    private readonly ConcurrentDictionary<TKey, TPending> _marked = new();

    public void Mark(TKey key, TPending pending) => _marked.AddOrUpdate(key, pending, (_, marked) => merge(marked, pending));

    /// <summary>Drops the key's marked work, e.g. a closed poll whose final results went out otherwise.</summary>
    public void Forget(TKey key) => _marked.TryRemove(key, out _);

    /// <summary>One round: at most one <paramref name="push"/> per marked key. Returns how many pushes went out.</summary>
    public async Task<int> RunRoundAsync(Func<TKey, TPending, CancellationToken, Task<PushOutcome>> push, CancellationToken cancellationToken)
    {
        var pushed = 0;
        foreach (var key in _marked.Keys)
        {
            if (!_marked.TryRemove(key, out var pending))
                continue;

            try
            {
                switch (await push(key, pending, cancellationToken))
                {
                    case PushOutcome.Pushed:
                        pushed++;
                        break;
                    case PushOutcome.Deferred:
                        Mark(key, pending);
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Mark(key, pending);
                onFailure(e, key);
            }
        }

        return pushed;
    }
}

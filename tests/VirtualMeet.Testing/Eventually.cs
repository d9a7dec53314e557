namespace VirtualMeet.Testing;

/// <summary>
/// Awaits a condition that becomes true by itself (a node turning ready, a reaper freeing a seat), re-checking
/// at a short interval, and fails with the last observation once the bound passes.
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan? timeout = null, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(isDone);
        using var bound = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        using var interval = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        T last = default!;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await probe();
                lastError = null;
                if (isDone(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !bound.IsCancellationRequested)
            {
                lastError = ex;
            }
        }
        while (await WaitTickAsync(interval, bound.Token));

        throw new TimeoutException(
            $"Condition not met within {timeout ?? TestTimeouts.Default}{(because is null ? "" : $" ({because})")}; last value: {last}",
            lastError);
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// The loop of every coalescing publisher (poll results, bar tables, stage counters): inputs only mark work in a
/// <see cref="CoalescedPushes{TKey,TPending}"/>, and a round pushes what is marked. Rounds tick four times per push
/// interval while each push claims a whole interval cluster-wide: the claim bounds the rate, the short tick keeps a
/// change from waiting almost two intervals when a tick lands just before the previous claim expires.
/// </summary>
internal abstract class CoalescingPublisher(TimeProvider time) : BackgroundService
{
    /// <summary>At most one push per key and interval, cluster-wide.</summary>
    protected abstract TimeSpan PushInterval { get; }

    /// <summary>One round over everything marked; returns how many pushes went out.</summary>
    public abstract Task<int> PublishDueAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PushInterval / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PublishDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

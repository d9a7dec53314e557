namespace VirtualMeet.LoadTest.Measurement;

/// <summary>Bounded waiting for a condition the run's clients fulfil by themselves (pushes arriving).</summary>
internal static class Waiting
{
    /// <summary>Returns whether <paramref name="done"/> became true within <paramref name="bound"/>; never throws on timeout.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(bound);
        while (!done())
        {
            try
            {
                await timer.WaitForNextTickAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return done();
            }
        }

        return true;
    }
}

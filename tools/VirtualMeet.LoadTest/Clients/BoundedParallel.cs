namespace VirtualMeet.LoadTest.Clients;

/// <summary>Runs <c>count</c> indexed jobs with at most <c>parallelism</c> outstanding, results in index order.</summary>
internal static class BoundedParallel
{
    public static async Task<T[]> RunAsync<T>(int count, int parallelism, Func<int, Task<T>> work)
    {
        var results = new T[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(parallelism, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                results[i] = await work(i);
        }));
        return results;
    }
}

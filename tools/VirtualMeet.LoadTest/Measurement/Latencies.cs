namespace VirtualMeet.LoadTest.Measurement;

/// <summary>Collects latency samples (milliseconds) from many threads; summarised as p50, p99 and max.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = [];
    private readonly Lock _gate = new();

    public void Add(double milliseconds)
    {
        lock (_gate) _samples.Add(milliseconds);
    }

    public void Add(TimeSpan elapsed) => Add(elapsed.TotalMilliseconds);

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (_gate) sorted = [.. _samples];
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, double.NaN, double.NaN, double.NaN)
            : new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record LatencySummary(int Samples, double P50, double P99, double Max)
{
    public override string ToString() => $"p50 {P50:0} ms, p99 {P99:0} ms, max {Max:0} ms ({Samples:N0} samples)";
}

namespace VirtualMeet.LoadTest.Measurement;

/// <summary>
/// What one client received of one versioned stream (chat lines, reaction windows): when each version first
/// arrived and how often a version came twice. Losses are versions the truth has and the log lacks.
/// </summary>
internal sealed class VersionLog
{
    private readonly Dictionary<long, long> _firstArrival = [];
    private readonly Lock _gate = new();

    public int Duplicates { get; private set; }

    public long Highest { get; private set; }

    public void Record(long version, long timestamp)
    {
        lock (_gate)
        {
            if (!_firstArrival.TryAdd(version, timestamp))
                Duplicates++;
            Highest = Math.Max(Highest, version);
        }
    }

    /// <summary>How many of <paramref name="expected"/> never arrived.</summary>
    public int Missing(IEnumerable<long> expected)
    {
        lock (_gate) return expected.Count(v => !_firstArrival.ContainsKey(v));
    }
}

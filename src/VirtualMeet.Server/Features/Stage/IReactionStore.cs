namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Reaction counters per stage, summed over all nodes. Reactions are added to running totals; a push takes the
/// "window" (what came in since the previous push) in one atomic step, so every reaction is in exactly one window
/// whichever node pushes it.
/// </summary>
internal interface IReactionStore
{
    Task AddAsync(string eventId, string sessionId, string reaction, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, long>> TotalsAsync(string eventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the reactions since the previous window and claims the push for <paramref name="interval"/>. Returns
    /// <c>null</c> when another node's claim runs (try again later) and an empty window when nothing came in.
    /// </summary>
    Task<ReactionWindow?> TakeWindowAsync(string eventId, string sessionId, TimeSpan interval, CancellationToken cancellationToken);
}

/// <param name="Sequence">Counts windows taken; 0 for an empty window (nothing to push).</param>
internal sealed record ReactionWindow(long Sequence, IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, long> Totals)
{
    public bool IsEmpty => Counts.Count == 0;
}

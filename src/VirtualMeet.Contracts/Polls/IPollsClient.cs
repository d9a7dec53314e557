namespace VirtualMeet.Contracts.Polls;

/// <summary>Server→client methods of <c>/hubs/polls</c>.</summary>
public interface IPollsClient
{
    /// <summary>A poll of a watched scope opened.</summary>
    Task PollOpened(PollState state);

    /// <summary>Aggregated results, at most a few per second per poll; apply only if the version is newer.</summary>
    Task PollResults(PollResultsView results);

    /// <summary>A poll closed; carries the final results (and the winner of a pitch vote).</summary>
    Task PollClosed(PollState state);
}

/// <summary>Client→server method names of <c>/hubs/polls</c>.</summary>
public static class PollsHubMethods
{
    public const string Watch = "Watch";
    public const string Vote = "Vote";
}

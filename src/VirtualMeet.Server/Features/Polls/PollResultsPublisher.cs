using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// Pushes results of polls that received votes, coalesced: votes only mark a poll dirty, and once per push
/// interval each dirty poll gets one <c>PollResults</c> with the store's current counts and version. A push
/// claim in the store keeps all nodes together within the rate and refuses a version that went out already (two
/// nodes with votes on the same poll would otherwise both push the same counts); a node that finds the claim
/// busy keeps the poll dirty and tries again, so the last votes are always pushed.
/// </summary>
internal sealed partial class PollResultsPublisher(
    IPollStore store,
    IHubContext<PollsHub, IPollsClient> hub,
    IOptions<PollsOptions> options,
    TimeProvider time,
    ILogger<PollResultsPublisher> logger) : CoalescingPublisher(time)
{
    private readonly CoalescedPushes<(string EventId, string PollId), PollDefinition> _voted =
        new((_, latest) => latest, (e, poll) => LogPushFailed(logger, e, poll.EventId, poll.PollId));

    protected override TimeSpan PushInterval => options.Value.PushInterval();

    public void MarkDirty(PollDefinition poll) => _voted.Mark((poll.EventId, poll.Id), poll);

    /// <summary>A closed poll's final results went out with <c>PollClosed</c>.</summary>
    public void Forget(PollDefinition poll) => _voted.Forget((poll.EventId, poll.Id));

    public override Task<int> PublishDueAsync(CancellationToken cancellationToken) =>
        _voted.RunRoundAsync((_, poll, ct) => PublishAsync(poll, ct), cancellationToken);

    private async Task<PushOutcome> PublishAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        switch (await store.TryClaimPushAsync(poll.EventId, poll.Id, PushInterval, cancellationToken))
        {
            case PushClaim.Busy:
                // Another node pushed within the interval; this node's votes go out in a later round.
                return PushOutcome.Deferred;
            case PushClaim.AlreadyPushed:
                // Some node pushed these counts or newer ones; a later vote marks the poll dirty again.
                return PushOutcome.NothingToPush;
        }

        var tally = await store.GetTallyAsync(poll.EventId, poll.Id, cancellationToken);
        if (tally is null || tally.Lifecycle.Status != PollStatus.Open || !PollViews.ResultsVisible(poll, tally.Lifecycle))
            return PushOutcome.NothingToPush;

        var results = PollViews.Results(poll, tally, options.Value.DefaultWordCloudTop);
        await hub.Clients.Group(PollGroups.Of(poll)).PollResults(results);
        return PushOutcome.Pushed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing results of poll {PollId} of event {EventId} failed; retrying")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string eventId, string pollId);
}

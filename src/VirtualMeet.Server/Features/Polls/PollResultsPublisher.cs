using System.Collections.Concurrent;
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
    ILogger<PollResultsPublisher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(string EventId, string PollId), PollDefinition> _dirty = new();

    public void MarkDirty(PollDefinition poll) => _dirty[(poll.EventId, poll.Id)] = poll;

    /// <summary>A closed poll's final results went out with <c>PollClosed</c>.</summary>
    public void Forget(PollDefinition poll) => _dirty.TryRemove((poll.EventId, poll.Id), out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Ticks run four times per push interval while each push claims a whole interval: the claim bounds the
        // rate, the short tick keeps a poll from waiting almost two intervals when a tick lands just before the
        // previous claim expires.
        using var timer = new PeriodicTimer(options.Value.PushInterval() / 4, time);
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

    /// <summary>One round: at most one push per dirty poll. Returns how many pushes went out.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var pushed = 0;
        foreach (var key in _dirty.Keys)
        {
            if (!_dirty.TryRemove(key, out var poll))
                continue;

            try
            {
                if (await PublishAsync(poll, cancellationToken))
                    pushed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep it dirty: a failed round (Redis briefly away) must not lose the latest counts.
                _dirty.TryAdd(key, poll);
                LogPushFailed(e, poll.EventId, poll.Id);
            }
        }

        return pushed;
    }

    private async Task<bool> PublishAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        switch (await store.TryClaimPushAsync(poll.EventId, poll.Id, options.Value.PushInterval(), cancellationToken))
        {
            case PushClaim.Busy:
                // Another node pushed within the interval; this node's votes go out in a later round.
                _dirty.TryAdd((poll.EventId, poll.Id), poll);
                return false;
            case PushClaim.AlreadyPushed:
                // Some node pushed these counts or newer ones; a later vote marks the poll dirty again.
                return false;
        }

        var tally = await store.GetTallyAsync(poll.EventId, poll.Id, cancellationToken);
        if (tally is null || tally.Lifecycle.Status != PollStatus.Open || !PollViews.ResultsVisible(poll, tally.Lifecycle))
            return false;

        var results = PollViews.Results(poll, tally, options.Value.DefaultWordCloudTop);
        await hub.Clients.Group(PollGroups.Of(poll)).PollResults(results);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing results of poll {PollId} of event {EventId} failed; retrying")]
    private partial void LogPushFailed(Exception exception, string eventId, string pollId);
}

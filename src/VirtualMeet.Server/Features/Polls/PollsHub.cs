using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// <c>/hubs/polls</c>: watch the polls of a scope and vote. Thin: checks the caller, calls
/// <see cref="PollService"/>. Pushes come from the service and <see cref="PollResultsPublisher"/>.
/// </summary>
[Authorize]
internal sealed class PollsHub(PollService polls) : Hub<IPollsClient>
{
    /// <summary>Subscribes to the polls of a session (plus the event-wide ones) and returns their current state.</summary>
    public Task<PollWatchSnapshot> Watch(string eventId, string? sessionId)
    {
        if (!Context.User!.Organizes(eventId) && !Context.User!.BelongsTo(eventId))
            throw Refusal.NotThisEvent(eventId);

        var watcher = new WatchingConnection(Context.User!.UserId() ?? Context.ConnectionId, Context.ConnectionId);
        return polls.WatchAsync(eventId, sessionId, watcher, Context.ConnectionAborted);
    }

    /// <summary>Casts the caller's ballot in a poll of the event their token belongs to.</summary>
    public Task<VoteReceipt> Vote(string pollId, Ballot ballot)
    {
        // The event comes from the token: a poll id of another event is simply not found in the caller's.
        var eventId = Context.User!.FindFirstValue(VirtualMeetClaims.EventId);
        var voterId = Context.User!.UserId();
        if (eventId is null || voterId is null)
            throw Refusal.Forbidden("Only participants of an event vote; this token belongs to no event.");

        return polls.VoteAsync(eventId, pollId, voterId, ballot, Context.ConnectionAborted);
    }
}

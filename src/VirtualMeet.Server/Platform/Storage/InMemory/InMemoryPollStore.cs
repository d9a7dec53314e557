using System.Collections.Concurrent;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// One lock per poll makes check-open, one-ballot, count and version bump a single step, like the Lua script
/// of the Redis store; votes on different polls never contend. Voters are kept by pseudonym, as on Redis.
/// </summary>
internal sealed class InMemoryPollStore(TimeProvider time, Pseudonyms pseudonyms) : IPollStore, IEventScopedData, IAttendeeScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string PollId), PollEntry> _polls = new();

    public Task<bool> CreateAsync(PollDefinition poll, CancellationToken cancellationToken) =>
        Task.FromResult(_polls.TryAdd((poll.EventId, poll.Id), new PollEntry(poll)));

    public Task<PollDefinition?> GetAsync(string eventId, string pollId, CancellationToken cancellationToken) =>
        Task.FromResult(_polls.GetValueOrDefault((eventId, pollId))?.Definition);

    public Task<IReadOnlyList<PollDefinition>> ListAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PollDefinition>>(_polls.Values
            .Select(e => e.Definition)
            .Where(d => d.EventId == eventId)
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList());

    public Task<PollTransition> OpenAsync(string eventId, string pollId, DateTimeOffset now, DateTimeOffset? closesAt, CancellationToken cancellationToken)
    {
        if (!_polls.TryGetValue((eventId, pollId), out var entry))
            return Task.FromResult(new PollTransition(TransitionStatus.NotFound, null));

        lock (entry)
        {
            var status = entry.Lifecycle.Status switch
            {
                PollStatus.Draft => TransitionStatus.Changed,
                PollStatus.Open => TransitionStatus.Unchanged,
                _ => TransitionStatus.Refused,
            };
            if (status == TransitionStatus.Changed)
                entry.Lifecycle = new PollLifecycle(PollStatus.Open, entry.Lifecycle.Version + 1, now, closesAt, null);
            return Task.FromResult(new PollTransition(status, entry.Lifecycle));
        }
    }

    public Task<PollTransition> CloseAsync(string eventId, string pollId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_polls.TryGetValue((eventId, pollId), out var entry))
            return Task.FromResult(new PollTransition(TransitionStatus.NotFound, null));

        lock (entry)
        {
            var status = entry.Lifecycle.Status switch
            {
                PollStatus.Open => TransitionStatus.Changed,
                PollStatus.Closed => TransitionStatus.Unchanged,
                _ => TransitionStatus.Refused,
            };
            if (status == TransitionStatus.Changed)
                entry.Lifecycle = entry.Lifecycle with { Status = PollStatus.Closed, Version = entry.Lifecycle.Version + 1, ClosedAt = now };
            return Task.FromResult(new PollTransition(status, entry.Lifecycle));
        }
    }

    public Task<VoteResult> VoteAsync(string eventId, string pollId, VoteCast vote, CancellationToken cancellationToken)
    {
        if (!_polls.TryGetValue((eventId, pollId), out var entry))
            return Task.FromResult(new VoteResult(VoteStatus.NotFound, 0));

        var voter = pseudonyms.Of(eventId, vote.VoterId);
        lock (entry)
        {
            if (!entry.Lifecycle.IsAcceptingVotes(vote.Now))
                return Task.FromResult(new VoteResult(VoteStatus.NotOpen, entry.Lifecycle.Version));

            var changed = false;
            if (vote.Retention == BallotRetention.MarkerOnly)
            {
                if (!entry.Voted.Add(voter))
                    return Task.FromResult(new VoteResult(VoteStatus.AlreadyVoted, entry.Lifecycle.Version));
                entry.Voters++;
            }
            else if (entry.Ballots.TryGetValue(voter, out var previous))
            {
                // An erased ballot (no fields) still counts as voted but can no longer be taken back.
                if (vote.Retention != BallotRetention.Changeable || previous.Length == 0)
                    return Task.FromResult(new VoteResult(VoteStatus.AlreadyVoted, entry.Lifecycle.Version));
                foreach (var field in previous)
                    entry.Add(field, -1);
                changed = true;
            }
            else
            {
                entry.Voters++;
            }

            if (vote.Retention != BallotRetention.MarkerOnly)
                entry.Ballots[voter] = [.. vote.Fields];
            foreach (var field in vote.Fields)
                entry.Add(field, 1);
            entry.Lifecycle = entry.Lifecycle with { Version = entry.Lifecycle.Version + 1 };
            return Task.FromResult(new VoteResult(changed ? VoteStatus.Changed : VoteStatus.Counted, entry.Lifecycle.Version));
        }
    }

    public Task<PollTally?> GetTallyAsync(string eventId, string pollId, CancellationToken cancellationToken)
    {
        if (!_polls.TryGetValue((eventId, pollId), out var entry))
            return Task.FromResult<PollTally?>(null);

        lock (entry)
            return Task.FromResult<PollTally?>(new PollTally(entry.Lifecycle, entry.Voters, new Dictionary<string, long>(entry.Counts, StringComparer.Ordinal)));
    }

    public Task<PushClaim> TryClaimPushAsync(string eventId, string pollId, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!_polls.TryGetValue((eventId, pollId), out var entry))
            return Task.FromResult(PushClaim.AlreadyPushed);

        var now = time.GetUtcNow();
        lock (entry)
        {
            if (entry.PushedVersion >= entry.Lifecycle.Version)
                return Task.FromResult(PushClaim.AlreadyPushed);
            if (now < entry.PushClaimedUntil)
                return Task.FromResult(PushClaim.Busy);
            entry.PushClaimedUntil = now + interval;
            entry.PushedVersion = entry.Lifecycle.Version;
            return Task.FromResult(PushClaim.Claimed);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _polls.Keys.Where(k => k.EventId == eventId))
            _polls.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Forgets what the attendee chose; the counts and the one-ballot rule stay.</summary>
    public Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var voter = pseudonyms.Of(eventId, attendeeId);
        foreach (var entry in _polls.Where(p => p.Key.EventId == eventId).Select(p => p.Value))
        {
            lock (entry)
            {
                if (entry.Ballots.ContainsKey(voter))
                    entry.Ballots[voter] = [];
            }
        }

        return Task.CompletedTask;
    }

    private sealed class PollEntry(PollDefinition definition)
    {
        public PollDefinition Definition { get; } = definition;

        public PollLifecycle Lifecycle { get; set; } = PollLifecycle.Draft;

        public long Voters { get; set; }

        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string[]> Ballots { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Voted { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset PushClaimedUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The results version that went out last; none yet.</summary>
        public long PushedVersion { get; set; } = -1;

        public void Add(string field, long delta)
        {
            var count = Counts.GetValueOrDefault(field) + delta;
            if (count <= 0)
                Counts.Remove(field);
            else
                Counts[field] = count;
        }
    }
}

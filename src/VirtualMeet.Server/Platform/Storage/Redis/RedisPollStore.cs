using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Polls in Redis: definitions in one hash per event, per poll a state hash, a counts hash and the ballots.
/// Every change runs as a Lua script (<see cref="RedisPollScripts"/>); every key sits under the event's hash tag.
/// Ballots and the voted set are keyed by the voter's pseudonym (<see cref="Pseudonyms"/>), never by id.
/// </summary>
internal sealed class RedisPollStore(RedisStoreDatabase redis, Pseudonyms pseudonyms) : IPollStore, IAttendeeScopedData
{
    public async Task<bool> CreateAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        // Once: create-if-absent; a second run would answer "exists".
        var result = await redis.Once(db => db.ScriptEvaluateAsync(
            RedisPollScripts.Create,
            [RedisKeys.Polls(poll.EventId), RedisKeys.PollState(poll.EventId, poll.Id)],
            [poll.Id, RedisJson.Serialize(poll)]));
        return (long)result == 1;
    }

    public async Task<PollDefinition?> GetAsync(string eventId, string pollId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<PollDefinition>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Polls(eventId), pollId)));

    public async Task<IReadOnlyList<PollDefinition>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        var values = await redis.Idempotent(db => db.HashValuesAsync(RedisKeys.Polls(eventId)));
        return values.Select(v => RedisJson.Deserialize<PollDefinition>(v))
            .OfType<PollDefinition>()
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<PollTransition> OpenAsync(string eventId, string pollId, DateTimeOffset now, DateTimeOffset? closesAt, CancellationToken cancellationToken)
    {
        // Once: opening and closing answer whether they changed the poll, which a second run would not.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisPollScripts.Open,
            [RedisKeys.PollState(eventId, pollId)],
            [Millis(now), closesAt is { } at ? Millis(at) : ""])))!;
        return ToTransition(result, refusedCode: 2);
    }

    public async Task<PollTransition> CloseAsync(string eventId, string pollId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisPollScripts.Close,
            [RedisKeys.PollState(eventId, pollId)],
            [Millis(now)])))!;
        return ToTransition(result, refusedCode: 2);
    }

    public async Task<VoteResult> VoteAsync(string eventId, string pollId, VoteCast vote, CancellationToken cancellationToken)
    {
        var retention = vote.Retention switch
        {
            BallotRetention.MarkerOnly => "marker",
            BallotRetention.Changeable => "change",
            _ => "once",
        };
        var args = new RedisValue[3 + vote.Fields.Count];
        args[0] = pseudonyms.Of(eventId, vote.VoterId);
        args[1] = retention;
        args[2] = Millis(vote.Now);
        for (var i = 0; i < vote.Fields.Count; i++)
            args[3 + i] = vote.Fields[i];

        // Once: a vote counts; a second run would count it again or answer "already voted".
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisPollScripts.Vote,
            [
                RedisKeys.PollState(eventId, pollId), RedisKeys.PollCounts(eventId, pollId),
                RedisKeys.PollBallots(eventId, pollId), RedisKeys.PollVoted(eventId, pollId),
            ],
            args)))!;
        var version = (long)result[1];
        var status = (long)result[0] switch
        {
            0 => VoteStatus.Counted,
            1 => VoteStatus.Changed,
            -1 => VoteStatus.NotFound,
            -2 => VoteStatus.NotOpen,
            _ => VoteStatus.AlreadyVoted,
        };
        return new VoteResult(status, version);
    }

    public async Task<PollTally?> GetTallyAsync(string eventId, string pollId, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Idempotent(db => db.ScriptEvaluateAsync(
            RedisPollScripts.Tally,
            [RedisKeys.PollState(eventId, pollId), RedisKeys.PollCounts(eventId, pollId)])))!;
        var state = Pairs((RedisResult[])result[0]!);
        if (state.Count == 0)
            return null;

        var counts = Pairs((RedisResult[])result[1]!)
            .ToDictionary(p => p.Key, p => long.Parse(p.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new PollTally(ToLifecycle(state), Long(state, "voters") ?? 0, counts);
    }

    public async Task<PushClaim> TryClaimPushAsync(string eventId, string pollId, TimeSpan interval, CancellationToken cancellationToken) =>
        (long)await redis.Once(db => db.ScriptEvaluateAsync(
            RedisPollScripts.ClaimPush,
            [RedisKeys.PollPushClaim(eventId, pollId), RedisKeys.PollPushed(eventId, pollId), RedisKeys.PollState(eventId, pollId)],
            [Math.Max(1, (long)interval.TotalMilliseconds)])) switch
        {
            1 => PushClaim.Claimed,
            0 => PushClaim.Busy,
            _ => PushClaim.AlreadyPushed,
        };

    /// <summary>Forgets what the attendee chose in every poll of the event; counts and the one-ballot rule stay.</summary>
    public async Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        // Idempotent: blanking a ballot twice leaves it blank.
        var voter = pseudonyms.Of(eventId, attendeeId);
        foreach (var pollId in await redis.Idempotent(db => db.HashKeysAsync(RedisKeys.Polls(eventId))))
            await redis.Idempotent(db => db.ScriptEvaluateAsync(RedisPollScripts.EraseBallot, [RedisKeys.PollBallots(eventId, (string)pollId!)], [voter]));
    }

    private static PollTransition ToTransition(RedisResult[] result, long refusedCode)
    {
        var code = (long)result[0];
        if (code == -1)
            return new PollTransition(TransitionStatus.NotFound, null);

        var state = Pairs(result.Skip(1).ToArray());
        var status = code == 1 ? TransitionStatus.Changed : code == refusedCode ? TransitionStatus.Refused : TransitionStatus.Unchanged;
        return new PollTransition(status, ToLifecycle(state));
    }

    private static PollLifecycle ToLifecycle(Dictionary<string, string> state) => new(
        state.GetValueOrDefault("status") switch
        {
            "open" => PollStatus.Open,
            "closed" => PollStatus.Closed,
            _ => PollStatus.Draft,
        },
        Long(state, "version") ?? 0,
        Time(state, "openedAt"),
        Time(state, "closesAt"),
        Time(state, "closedAt"));

    private static Dictionary<string, string> Pairs(RedisResult[] flat)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
            pairs[(string)flat[i]!] = (string)flat[i + 1]!;
        return pairs;
    }

    private static long? Long(Dictionary<string, string> state, string field) =>
        state.TryGetValue(field, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset? Time(Dictionary<string, string> state, string field) =>
        Long(state, field) is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;

    private static string Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}

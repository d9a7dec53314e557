using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// The two ways a store call reaches Redis (Polly pipelines): <see cref="ReadOrIdempotent"/> and <see cref="Once"/>.
/// </summary>
/// <remarks>
/// <para>
/// How this relates to StackExchange.Redis' own limits, which stay at their defaults because the backplane shares the
/// multiplexer: <c>BacklogPolicy.FailFast</c> (set in <c>RedisConnection</c>) fails a command at once while no
/// connection is up, so a dead Redis is answered quickly without us. A hung Redis is not: the socket stays up, commands
/// are written and no answer comes. Then only <c>AsyncTimeout</c> (5 s, checked by a 1 s heartbeat) ends a command:
/// one GET through a paused relay failed after 5.0 to 6.0 s (<c>RedisStoreTimeoutTests</c>), and that is per command,
/// so a store operation of several sequential commands (erasures, chat delete, the purge's pages and deletes) waits
/// that long for each, and the purge's SCAN used the synchronous <c>IServer.Keys</c>, which blocked a thread for
/// <c>SyncTimeout</c> per page. This layer bounds each store call by <see cref="RedisStoreOptions.CommandTimeout"/>
/// (2 s by default; the same hang with 0.5 s failed after 0.51 to 0.57 s), below StackExchange.Redis' 5 s so that ours
/// answers first; either timeout surfaces as <c>unavailable</c>. A call is one store operation where its number of
/// commands is fixed; where it grows with the data (purge, erasures, reaping), each command is a call of its own.
/// </para>
/// <para>
/// What is retried: only a call whose repetition leaves the same state and gives the same answer, and only after a
/// <see cref="RedisConnectionException"/> (a connection blip: the socket broke under the call, or none was up yet):
/// a retry as soon as the multiplexer is connected again (and another if that one fails at once, as long as the waits
/// add up to less than <see cref="RedisStoreOptions.ReconnectWait"/>) (it reconnects by itself; about 20 ms after a reset on an
/// idle loopback, several hundred under a loaded test run, so a fixed pause would be a guess), waiting at most
/// <see cref="RedisStoreOptions.ReconnectWait"/> so that a Redis that is down, not blipping, still answers <c>unavailable</c> within a
/// second; all inside the same timeout. A timeout is never retried: a hung
/// Redis would get the command twice and the caller would wait twice. Each store says at every call which pipeline it
/// takes, with the reason where it is <see cref="Once"/>:
/// </para>
/// <list type="bullet">
/// <item><b>ReadOrIdempotent</b>: reads (GET, HGET, HGETALL, SMEMBERS, ZRANGE, SCAN, the read-only scripts: presence
/// members, count, is-member and room-in-scope, chat recent, registration place, poll tally); writes that set a given
/// value or delete, whose answer is not used (SET, HSET, SADD, SREM, DEL, HDEL: attendee and profile saves, video
/// URLs, admissions, mutes, the close time, the purge's batches, erasures' per-item writes); scripts idempotent by
/// design whose answer is not used: presence disconnect (sets the hold to a given time), poll ballot erasure,
/// matchmaking meeting deletion.</item>
/// <item><b>Once</b>: increments and appends (reaction HINCRBY, chat append, question ask, rate-limit permits,
/// registration and cancellation, which draw sequence numbers), votes (poll vote, question upvote), everything that
/// bumps a version or answers whether it changed something (raise and lower hand, moderation, poll open and close,
/// meeting request and transition, presence join, leave, removal and reap), set-if-absent and compare-and-set whose
/// second run answers differently (event import, poll create, stage set, every push claim, breakout close completion,
/// chat line replace), and deletes whose answer is used (attendee delete, event delete).</item>
/// </list>
/// </remarks>
internal sealed class RedisStoreResilience
{
    // Long enough for the multiplexer to have marked the broken connection down, short beside any timeout.
    private static readonly TimeSpan ReconnectPoll = TimeSpan.FromMilliseconds(25);

    private static readonly ResiliencePropertyKey<TimeSpan> WaitedForConnection = new("vm.redis.waited-for-connection");

    /// <param name="options">The timeout.</param>
    /// <param name="isConnected">Whether the multiplexer has a connection (the retry waits for one).</param>
    public RedisStoreResilience(RedisStoreOptions options, Func<bool> isConnected)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isConnected);
        Once = new ResiliencePipelineBuilder()
            .AddTimeout(options.CommandTimeout)
            .Build();
        // Timeout outside the retry: the one bound covers every attempt and the waits between them.
        ReadOrIdempotent = new ResiliencePipelineBuilder()
            .AddTimeout(options.CommandTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                // More than one try, all within ReconnectWait of waiting in total: the multiplexer can report itself
                // connected a moment before it has noticed the broken socket (seen under load), so the first retry may
                // fail the same way at once, without reaching Redis. A Redis that is down spends the wait and answers.
                // Bounded by the wait, not a count: every try after the first follows at least one poll interval.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is RedisConnectionException
                    && args.Context.Properties.GetValue(WaitedForConnection, TimeSpan.Zero) < options.ReconnectWait),
                // The "delay" is the wait for a connection; the timeout's token ends it with the call.
                DelayGenerator = async args =>
                {
                    var waited = args.Context.Properties.GetValue(WaitedForConnection, TimeSpan.Zero);
                    do
                    {
                        await Task.Delay(ReconnectPoll, args.Context.CancellationToken);
                        waited += ReconnectPoll;
                    }
                    while (!isConnected() && waited < options.ReconnectWait);
                    args.Context.Properties.Set(WaitedForConnection, waited);
                    return TimeSpan.Zero;
                },
            })
            .Build();
    }

    /// <summary>Reads and idempotent writes: bounded, retried after a connection blip once the connection is back.</summary>
    public ResiliencePipeline ReadOrIdempotent { get; }

    /// <summary>Everything that must not run twice: bounded, never retried.</summary>
    public ResiliencePipeline Once { get; }
}

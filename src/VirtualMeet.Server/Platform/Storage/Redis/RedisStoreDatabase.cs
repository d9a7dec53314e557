using StackExchange.Redis;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// The stores' only way to Redis: every call runs through one of the two pipelines of
/// <see cref="RedisStoreResilience"/>, chosen by the caller for what the call does. <see cref="Idempotent{T}"/> is for
/// reads and for writes whose repetition leaves the same state and the same answer; <see cref="Once{T}"/> for
/// everything else (counters, appends, votes, set-if-absent, compare-and-set). There is no raw database to bypass them.
/// </summary>
internal sealed class RedisStoreDatabase(IConnectionMultiplexer multiplexer, RedisStoreResilience resilience)
{
    public RedisStoreDatabase(IConnectionMultiplexer multiplexer)
        : this(multiplexer, new RedisStoreResilience(new RedisStoreOptions(), () => multiplexer.IsConnected))
    {
    }

    /// <summary>Runs a read or an idempotent write, bounded by the timeout and retried after a connection blip once the connection is back.</summary>
    public Task<T> Idempotent<T>(Func<IDatabase, Task<T>> call) =>
        Run(resilience.ReadOrIdempotent, call);

    /// <inheritdoc cref="Idempotent{T}(Func{IDatabase, Task{T}})"/>
    public Task Idempotent(Func<IDatabase, Task> call) =>
        Run(resilience.ReadOrIdempotent, db => Completed(call(db)));

    /// <summary>Runs a call that must not run twice, bounded by the timeout and never retried.</summary>
    public Task<T> Once<T>(Func<IDatabase, Task<T>> call) =>
        Run(resilience.Once, call);

    /// <inheritdoc cref="Once{T}(Func{IDatabase, Task{T}})"/>
    public Task Once(Func<IDatabase, Task> call) =>
        Run(resilience.Once, db => Completed(call(db)));

    /// <summary>One page of SCAN on one primary (a read, so retried): the next cursor and the keys.</summary>
    public async Task<(long Cursor, RedisKey[] Keys)> ScanAsync(IServer server, long cursor, RedisValue pattern, int pageSize)
    {
        var reply = (RedisResult[])(await Idempotent(db =>
            server.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", pageSize)))!;
        return ((long)reply[0], (RedisKey[])reply[1]!);
    }

    /// <summary>Primaries only: replicas hold the same keys and refuse writes.</summary>
    public IEnumerable<IServer> Primaries => multiplexer.GetEndPoints()
        .Select(endpoint => multiplexer.GetServer(endpoint))
        .Where(server => server.IsConnected && !server.IsReplica);

    // StackExchange.Redis takes no cancellation token, so the wait is what the timeout cancels: WaitAsync lets the
    // pipeline give up on an answer that does not come. The caller's token is not passed on (as before): a command
    // that was sent runs in Redis anyway, and dropping its answer because the caller left would lose its consequence.
    private Task<T> Run<T>(Polly.ResiliencePipeline pipeline, Func<IDatabase, Task<T>> call) =>
        pipeline.ExecuteAsync(
            static async (state, token) => await state.call(state.db).WaitAsync(token),
            (call, db: multiplexer.GetDatabase()),
            CancellationToken.None).AsTask();

    private static async Task<bool> Completed(Task task)
    {
        await task;
        return true;
    }
}

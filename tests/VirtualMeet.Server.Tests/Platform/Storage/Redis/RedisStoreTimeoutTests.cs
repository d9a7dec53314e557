using System.Diagnostics;
using System.Globalization;
using System.Net;
using Polly.Timeout;
using StackExchange.Redis;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.SignalR.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Storage.Redis;

/// <summary>
/// Store calls against a Redis that hangs (a paused relay: connected, never answering) or whose connection breaks
/// under a call (a cut relay), on the node's own connection settings (<see cref="RedisConnection"/>).
/// </summary>
public sealed class RedisStoreTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    // Far above the timeout, below StackExchange.Redis' own 5 s: a call that ends before it was ended by ours.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(4);

    private RedisServer _redis = null!;
    private TcpRelay _relay = null!;
    private RedisConnection _connection = null!;
    private RedisStoreDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(Ct);
        _relay = TcpRelay.Start(_redis.Port);
        // StackExchange.Redis' own timeouts at their defaults (5 s), as the node runs them.
        _connection = new RedisConnection($"127.0.0.1:{_relay.Port},abortConnect=false");
        _database = new RedisStoreDatabase(_connection.Multiplexer, new RedisStoreResilience(new RedisStoreOptions { CommandTimeout = Timeout }, () => _connection.IsConnected));
        await Eventually.UntilAsync(() => _connection.PingAsync(Ct), up => up, TestTimeouts.Default, "the store connects through the relay");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _relay.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task AStoreCallAgainstAHungRedisFailsWithinTheTimeoutBeforeTheClientLibraryGivesUp()
    {
        var events = new RedisEventStore(_database);
        var definition = TestEvents.Create();
        await events.TryAddAsync(definition, Ct);

        _relay.Pause();
        var raw = Stopwatch.StartNew();
        var unbounded = _connection.Multiplexer.GetDatabase().StringGetAsync(RedisKeys.Event(definition.Id));
        var bounded = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => events.GetAsync(definition.Id, Ct));
        bounded.Stop();

        Assert.True(bounded.Elapsed < Generous, $"The store call took {bounded.Elapsed.TotalMilliseconds:F0} ms.");
        Assert.False(unbounded.IsCompleted, "StackExchange.Redis alone had given up first.");
        var rawFailure = await Record.ExceptionAsync(() => unbounded.WaitAsync(TestTimeouts.Default, Ct));
        raw.Stop();
        Assert.IsType<RedisTimeoutException>(rawFailure);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Hung Redis: store call failed after {bounded.ElapsedMilliseconds} ms (timeout {Timeout.TotalMilliseconds} ms); " +
            $"the same GET on the multiplexer alone after {raw.ElapsedMilliseconds} ms.");

        _relay.Resume();
        Assert.Equal(definition.Id, (await events.GetAsync(definition.Id, Ct))?.Id);
    }

    [Fact]
    public async Task AnIdempotentReadIsRetriedAfterAConnectionBlipAndReachesRedisOnce()
    {
        var attendees = new RedisAttendeeStore(PatientDatabase());
        var attendee = new Attendee("a", TestEvents.Create().Id, "A", null, null, "de", [], default);
        await attendees.AddAsync(attendee, Ct);
        await ResetStatsAsync();

        var read = await WithConnectionBrokenUnderAsync(() => attendees.GetAsync(attendee.EventId, attendee.Id, Ct), RedisKeys.Attendees(attendee.EventId)!);

        Assert.Equal(attendee.Id, (await read)?.Id);
        // The first HGET never reached Redis (the relay held it, then reset the connection); one retry did (any retry before the reconnection failed at once, without sending).
        // (HGET, not GET: the client's own handshake on reconnecting sends a GET.)
        Assert.Equal(1, await CallsAsync("hget"));
    }

    [Fact]
    public async Task AnIncrementIsNotRetriedAfterAConnectionBlip()
    {
        var reactions = new RedisReactionStore(PatientDatabase());
        var eventId = TestEvents.Create().Id;
        await ResetStatsAsync();

        var add = await WithConnectionBrokenUnderAsync(() => reactions.AddAsync(eventId, "keynote", "clap", Ct), RedisKeys.ReactionTotals(eventId, "keynote")!);

        await Assert.ThrowsAsync<RedisConnectionException>(() => add);
        await Eventually.UntilAsync(() => _connection.PingAsync(Ct), up => up, TestTimeouts.Default, "the connection comes back");
        Assert.Empty(await reactions.TotalsAsync(eventId, "keynote", Ct));
        Assert.Equal(0, await CallsAsync("hincrby"));
    }

    [Fact]
    public async Task ARestCallDuringAHangAnswersUnavailable()
    {
        await using var node = await VirtualMeetNode.StartWithRedisAsync(_redis, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionStringThrough(_relay),
            [$"{RedisStoreOptions.Section}:CommandTimeout"] = Timeout.ToString("c", CultureInfo.InvariantCulture),
        });
        using var client = node.CreateClient();
        var definition = TestEvents.Create();
        await client.ImportAsync(definition, await client.OrganizerTokenAsync());

        _relay.Pause();
        var clock = Stopwatch.StartNew();
        using var hung = await client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        clock.Stop();

        await hung.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.Unavailable);
        Assert.True(clock.Elapsed < Generous, $"The request took {clock.Elapsed.TotalMilliseconds:F0} ms.");
        _relay.Resume();
        using var back = await client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task ATimeoutOutOfRangeFailsAtBootNamingTheKey()
    {
        var message = await RefusedStart.MessageAsync(() => VirtualMeetNode.StartWithRedisAsync(_redis, new Dictionary<string, string?>
        {
            [$"{RedisStoreOptions.Section}:CommandTimeout"] = "00:00:00",
        }));

        Assert.Contains("CommandTimeout", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts <paramref name="call"/> with the relay holding its request, then resets the connection under it (the
    /// request never reaches Redis) and lets a new connection through: the call sees a blip, not an outage.
    /// </summary>
    private async Task<Task<T>> WithConnectionBrokenUnderAsync<T>(Func<Task<T>> call, string key)
    {
        _relay.Pause();
        var running = call();
        await Eventually.UntilAsync(() => Task.FromResult(_relay.HasReceived(key)), seen => seen, TestTimeouts.Default, "the request left the client");
        _relay.Cut();
        _relay.Restore();
        _relay.Resume();
        return running;
    }

    private Task<Task<bool>> WithConnectionBrokenUnderAsync(Func<Task> call, string key) =>
        WithConnectionBrokenUnderAsync(
            async () =>
            {
                await call();
                return true;
            },
            key);

    /// <summary>
    /// Generous bounds for the blip tests, which are about whether a call is retried, not how fast: on a loaded machine
    /// the wait for the request to reach the relay, and the multiplexer's reconnection that a retry waits for, each took
    /// longer than the default second.
    /// </summary>
    private RedisStoreDatabase PatientDatabase() => new(
        _connection.Multiplexer,
        new RedisStoreResilience(new RedisStoreOptions { CommandTimeout = TimeSpan.FromSeconds(20), ReconnectWait = TimeSpan.FromSeconds(15) }, () => _connection.IsConnected));

    private Task<RespValue> ResetStatsAsync() => _redis.ExecuteAsync("CONFIG", "RESETSTAT");

    /// <summary>How often Redis ran <paramref name="command"/> since the last reset (INFO commandstats).</summary>
    private async Task<long> CallsAsync(string command)
    {
        var info = (await _redis.ExecuteAsync("INFO", "commandstats")).Text ?? "";
        var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
        if (line is null)
            return 0;
        var calls = line.Split(':')[1].Split(',')[0];
        return long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
    }
}

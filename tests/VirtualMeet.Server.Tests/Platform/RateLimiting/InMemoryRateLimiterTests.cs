using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Platform.RateLimiting;

public sealed class InMemoryRateLimiterTests : RateLimiterContract
{
    private readonly InMemoryRateLimiter _limiter;

    public InMemoryRateLimiterTests() => _limiter = new InMemoryRateLimiter(Time);

    // One process: both "nodes" share the limiter.
    internal override IAttendeeRateLimiter First => _limiter;

    internal override IAttendeeRateLimiter Second => _limiter;
}

/// <summary>Limiter state of callers whose window has passed is dropped, as the Redis key expires.</summary>
public sealed class InMemoryRateLimiterSweepTests
{
    private static readonly RateLimitRule Rule = new("test", 2, TimeSpan.FromSeconds(10));

    private readonly VirtualMeet.Testing.ManualTimeProvider _time = new();

    [Fact]
    public async Task LogsOfCallersWhoseWindowPassedAreSweptAndTheirPermitsReturn()
    {
        var limiter = new InMemoryRateLimiter(_time);
        for (var i = 0; i < 1_000; i++)
            await limiter.TryAcquireAsync("ev-1", $"made-up-{i}", Rule, TestContext.Current.CancellationToken);
        Assert.Equal(1_000, limiter.LogCount);

        _time.Advance(InMemoryRateLimiter.SweepInterval);
        Assert.True((await limiter.TryAcquireAsync("ev-1", "anna", Rule, TestContext.Current.CancellationToken)).Allowed);

        Assert.Equal(1, limiter.LogCount);
    }

    [Fact]
    public async Task ASweepKeepsLogsStillInTheirWindow()
    {
        var limiter = new InMemoryRateLimiter(_time);
        var longRule = Rule with { Window = TimeSpan.FromMinutes(5) };
        await limiter.TryAcquireAsync("ev-1", "anna", longRule, TestContext.Current.CancellationToken);
        await limiter.TryAcquireAsync("ev-1", "anna", longRule, TestContext.Current.CancellationToken);

        _time.Advance(InMemoryRateLimiter.SweepInterval);
        var third = await limiter.TryAcquireAsync("ev-1", "anna", longRule, TestContext.Current.CancellationToken);

        Assert.False(third.Allowed);
        Assert.Equal(1, limiter.LogCount);
    }
}

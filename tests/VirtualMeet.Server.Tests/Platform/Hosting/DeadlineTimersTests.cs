using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Hosting;

/// <summary>The one-shot timers behind poll and breakout closes and meeting tables, on a manual clock.</summary>
public sealed class DeadlineTimersTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
    private readonly List<string> _fired = [];
    private readonly List<(Exception Error, string Key)> _failures = [];
    private readonly DeadlineTimers<string> _timers;

    public DeadlineTimersTests() => _timers = new(_time, Fire, (e, key) => _failures.Add((e, key)));

    [Fact]
    public void FiresOnceAtItsDeadline()
    {
        _timers.Schedule("poll-1", _time.GetUtcNow().AddSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_fired);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["poll-1"], _fired);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["poll-1"], _fired);
    }

    [Fact]
    public void ScheduleReplacesAnEarlierDeadlineAndEnsureKeepsIt()
    {
        var now = _time.GetUtcNow();
        _timers.Schedule("poll-1", now.AddSeconds(10));
        _timers.Schedule("poll-1", now.AddSeconds(60));
        _timers.Ensure("poll-1", now.AddSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(_fired);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["poll-1"], _fired);
    }

    [Fact]
    public void ACancelledDeadlineNeverFires()
    {
        _timers.Schedule("poll-1", _time.GetUtcNow().AddSeconds(10));
        _timers.Cancel("poll-1");

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_fired);
    }

    [Fact]
    public void APassedDeadlineFiresOnTheNextTickAndCanBeEnsuredAgainAfterwards()
    {
        _timers.Ensure("countdown", _time.GetUtcNow().AddSeconds(-5));
        _time.Advance(TimeSpan.Zero);
        Assert.Equal(["countdown"], _fired);

        _timers.Ensure("countdown", _time.GetUtcNow().AddSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["countdown", "countdown"], _fired);
    }

    [Fact]
    public void AFailingCallbackGoesToTheFailureHandler()
    {
        _timers.Schedule("boom", _time.GetUtcNow().AddSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        var failure = Assert.Single(_failures);
        Assert.Equal("boom", failure.Key);
        Assert.IsType<InvalidOperationException>(failure.Error);
    }

    public void Dispose() => _timers.Dispose();

    private Task Fire(string key)
    {
        if (key == "boom")
            throw new InvalidOperationException("The store refused.");
        _fired.Add(key);
        return Task.CompletedTask;
    }
}

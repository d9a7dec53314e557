using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.RateLimiting;

/// <summary>What every <see cref="IAttendeeRateLimiter"/> must do; the clock is the test's.</summary>
public abstract class RateLimiterContract
{
    private static readonly RateLimitRule Chat = new("chat", 5, TimeSpan.FromSeconds(10));

    protected ManualTimeProvider Time { get; } = new();

    /// <summary>Two limiters over one store: two nodes.</summary>
    internal abstract IAttendeeRateLimiter First { get; }

    internal abstract IAttendeeRateLimiter Second { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEvent() => "rl-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task AllowsThePermitLimitWithinAWindowThenRefusesWithTheWaitUntilTheOldestExpires()
    {
        var eventId = NewEvent();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var refused = await First.TryAcquireAsync(eventId, "a", Chat, Ct);

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.RetryAfter);
    }

    [Fact]
    public async Task ErasingAnAttendeeDropsTheirBudgetsInEveryRuleAndNobodyElses()
    {
        var eventId = NewEvent();
        var questions = new RateLimitRule("questions", 1, TimeSpan.FromMinutes(1));
        await First.TryAcquireAsync(eventId, "a", questions, Ct);
        await First.TryAcquireAsync(eventId, "b", questions, Ct);
        for (var i = 0; i < 5; i++)
            await Second.TryAcquireAsync(eventId, "a", Chat, Ct);

        await ((IAttendeeScopedData)First).EraseAttendeeAsync(eventId, "a", Ct);

        // Their logs are gone (the keys were named after them); someone else's budget is untouched.
        Assert.True((await Second.TryAcquireAsync(eventId, "a", questions, Ct)).Allowed);
        Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
        Assert.False((await First.TryAcquireAsync(eventId, "b", questions, Ct)).Allowed);
    }

    [Fact]
    public async Task TheWindowSlidesSoPermitsFreeUpOneByOne()
    {
        var eventId = NewEvent();
        for (var i = 0; i < 5; i++)
        {
            await First.TryAcquireAsync(eventId, "a", Chat, Ct);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
        Assert.False((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
    }

    [Fact]
    public async Task RefusedAttemptsUseUpNothing()
    {
        var eventId = NewEvent();
        for (var i = 0; i < 5; i++)
            await First.TryAcquireAsync(eventId, "a", Chat, Ct);
        for (var i = 0; i < 20; i++)
            Assert.False((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);

        Time.Advance(TimeSpan.FromSeconds(10));

        Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
    }

    [Fact]
    public async Task AttendeesRulesAndEventsHaveSeparateBudgets()
    {
        var eventId = NewEvent();
        var reactions = new RateLimitRule("reactions", 1, TimeSpan.FromSeconds(1));
        Assert.True((await First.TryAcquireAsync(eventId, "a", reactions, Ct)).Allowed);
        Assert.False((await First.TryAcquireAsync(eventId, "a", reactions, Ct)).Allowed);

        Assert.True((await First.TryAcquireAsync(eventId, "b", reactions, Ct)).Allowed);
        Assert.True((await First.TryAcquireAsync(eventId, "a", Chat, Ct)).Allowed);
        Assert.True((await First.TryAcquireAsync(NewEvent(), "a", reactions, Ct)).Allowed);
    }

    [Fact]
    public async Task ConcurrentAttemptsNeverExceedTheLimit()
    {
        var eventId = NewEvent();
        var rule = new RateLimitRule("burst", 10, TimeSpan.FromSeconds(1));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? First : Second).TryAcquireAsync(eventId, "a", rule, Ct)));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
    }
}

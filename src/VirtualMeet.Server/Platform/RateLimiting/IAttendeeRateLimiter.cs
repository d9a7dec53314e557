namespace VirtualMeet.Server.Platform.RateLimiting;

/// <summary>
/// Per-attendee budgets for high-rate hub inputs (chat lines, reactions, questions). A budget belongs to the
/// attendee of an event, not to a connection: two tabs on two nodes share one budget, because the Redis
/// implementation keeps the window in Redis. Windows slide: at most <see cref="RateLimitRule.PermitLimit"/>
/// acquisitions within any span of <see cref="RateLimitRule.Window"/>. Refused attempts use up nothing.
/// </summary>
/// <remarks>Most callers want <see cref="AttendeeRateLimits.AcquireOrThrowAsync"/>, which names rules by key.</remarks>
internal interface IAttendeeRateLimiter
{
    /// <summary>Takes one permit of <paramref name="rule"/> for the attendee, or says when the next one frees up.</summary>
    Task<RateLimitDecision> TryAcquireAsync(string eventId, string attendeeId, RateLimitRule rule, CancellationToken cancellationToken);
}

/// <summary>A named budget: at most <paramref name="PermitLimit"/> acquisitions within any <paramref name="Window"/>.</summary>
/// <param name="Name">The rule's key in <c>RateLimits:Rules</c>; also part of the store key, so one attendee's budgets never mix.</param>
internal sealed record RateLimitRule(string Name, int PermitLimit, TimeSpan Window);

/// <summary>The answer of <see cref="IAttendeeRateLimiter.TryAcquireAsync"/>.</summary>
/// <param name="RetryAfter">When refused: how long until a permit frees up; zero when allowed.</param>
internal readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);

    public static RateLimitDecision Refuse(TimeSpan retryAfter) => new(false, retryAfter);
}

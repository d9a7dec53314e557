using System.Globalization;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.RateLimiting;

/// <summary>
/// What hubs and services call: takes a permit of a configured rule, or refuses with <c>rate_limited</c> and a
/// message that clients show and back off on: <c>Too many chat actions: 5 per 10 s allowed. Retry after 2.5 s.</c>
/// </summary>
internal sealed class AttendeeRateLimits(IAttendeeRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    /// <summary>The configured rule; an unknown name is a programming error, not a caller's.</summary>
    public RateLimitRule Rule(string name) =>
        options.Value.Rules.TryGetValue(name, out var rule)
            ? new RateLimitRule(name, rule.PermitLimit, TimeSpan.FromSeconds(rule.WindowSeconds))
            : throw new InvalidOperationException($"No rate limit rule '{name}' is configured under RateLimits:Rules.");

    /// <summary>Takes a permit of rule <paramref name="ruleName"/> for the attendee.</summary>
    /// <exception cref="Refusal"><c>rate_limited</c> with a retry-after hint.</exception>
    public async Task AcquireOrThrowAsync(string eventId, string attendeeId, string ruleName, CancellationToken cancellationToken)
    {
        var rule = Rule(ruleName);
        var decision = await limiter.TryAcquireAsync(eventId, attendeeId, rule, cancellationToken);
        if (!decision.Allowed)
            throw Refusal.RateLimited(Describe(rule, decision.RetryAfter), decision.RetryAfter);
    }

    /// <summary>E.g. "Too many chat actions: 5 per 10 s allowed. Retry after 2.5 s."</summary>
    public static string Describe(RateLimitRule rule, TimeSpan retryAfter)
    {
        // Round up to a tenth of a second so that a client retrying after the hint is allowed.
        var seconds = Math.Max(0.1, Math.Ceiling(retryAfter.TotalSeconds * 10) / 10);
        return string.Create(CultureInfo.InvariantCulture,
            $"Too many {rule.Name} actions: {rule.PermitLimit} per {rule.Window.TotalSeconds:0.##} s allowed. Retry after {seconds:0.0} s.");
    }
}

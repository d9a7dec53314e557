using VirtualMeet.Server.Realtime.RateLimiting;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.RateLimiting;

public sealed class InMemoryRateLimiterTests : RateLimiterContract
{
    private readonly InMemoryRateLimiter _limiter;

    public InMemoryRateLimiterTests() => _limiter = new InMemoryRateLimiter(Time);

    // One process: both "nodes" share the limiter.
    internal override IAttendeeRateLimiter First => _limiter;

    internal override IAttendeeRateLimiter Second => _limiter;
}

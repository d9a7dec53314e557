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

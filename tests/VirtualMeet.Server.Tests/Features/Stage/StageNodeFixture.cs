using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>One in-memory node; reactions get a long window so "the eleventh is refused" never races the clock.</summary>
public sealed class StageNodeFixture : IAsyncLifetime
{
    public VirtualMeetNode Node { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Rules:reactions:WindowSeconds"] = "600",
            ["RateLimits:Rules:chat:WindowSeconds"] = "600",
        });

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}

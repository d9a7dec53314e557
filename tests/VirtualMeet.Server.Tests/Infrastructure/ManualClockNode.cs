using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// One in-memory node whose clock moves only when the test says so. One per test: the clock only moves forward, and the
/// node's tokens must stay valid for the real clock of the bearer handler.
/// </summary>
public sealed class ManualClockNode : IAsyncLifetime
{
    /// <summary>Starts at the real time: tokens issued by the node must stay valid for the real clock of the bearer handler.</summary>
    public ManualTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public VirtualMeetNode Node { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Node = await VirtualMeetNode.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(Time));

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}

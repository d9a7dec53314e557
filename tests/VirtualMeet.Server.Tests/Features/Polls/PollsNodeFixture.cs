using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>One in-memory node shared by the tests of a class; each test makes its own event.</summary>
public sealed class PollsNodeFixture : IAsyncLifetime
{
    public VirtualMeetNode Node { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Node = await VirtualMeetNode.StartAsync();

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}

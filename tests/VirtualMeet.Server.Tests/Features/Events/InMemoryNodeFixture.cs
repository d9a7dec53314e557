using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Events;

/// <summary>One in-memory node shared by a test class; tests isolate themselves with their own event ids.</summary>
public sealed class InMemoryNodeFixture : IAsyncLifetime
{
    public VirtualMeetNode Node { get; private set; } = null!;

    public HttpClient CreateClient() => Node.CreateClient();

    public async ValueTask InitializeAsync() => Node = await VirtualMeetNode.StartAsync();

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}

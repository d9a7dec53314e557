using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// A <see cref="Testing.Cluster"/> shared by the tests of one class (an xunit class fixture); tests isolate themselves
/// with their own event ids. A class that needs other settings uses a subclass that overrides <see cref="Settings"/>.
/// </summary>
public abstract class ClusterFixture(int nodes, Backplane backplane) : IAsyncLifetime
{
    public Cluster Cluster { get; private set; } = null!;

    /// <summary>What every node of this fixture gets on top of the test defaults.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync() =>
        Cluster = await Cluster.StartAsync(nodes, backplane, Settings, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>Two backplane nodes on the shared redis-server, under a prefix of the test's own.</summary>
public abstract class TwoNodesOnSharedRedis(SharedRedis redis) : IAsyncLifetime
{
    protected SharedRedis Redis { get; } = redis;

    protected string Prefix { get; } = BackplaneNode.NewPrefix();

    protected BackplaneNode One { get; private set; } = null!;

    protected BackplaneNode Two { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        One = await BackplaneNode.StartAsync(Redis.Server.ConnectionString, Prefix);
        Two = await BackplaneNode.StartAsync(Redis.Server.ConnectionString, Prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await One.DisposeAsync();
        await Two.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

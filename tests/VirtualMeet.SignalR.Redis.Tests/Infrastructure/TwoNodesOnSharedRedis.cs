namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>Two backplane nodes on the shared redis-server, under a prefix of the test's own.</summary>
public abstract class TwoNodesOnSharedRedis(SharedRedis redis) : IAsyncLifetime
{
    protected SharedRedis Redis { get; } = redis;

    protected string Prefix { get; } = BackplaneNode.NewPrefix();

    protected BackplaneNode One { get; private set; } = null!;

    protected BackplaneNode Two { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        One = BackplaneNode.Start(Redis.Server.ConnectionString, Prefix);
        Two = BackplaneNode.Start(Redis.Server.ConnectionString, Prefix);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await One.DisposeAsync();
        await Two.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

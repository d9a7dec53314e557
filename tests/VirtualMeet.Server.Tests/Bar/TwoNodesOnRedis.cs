using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Bar;

/// <summary>A private redis-server and two nodes on it (backplane and stores), shared by the tests of a class.</summary>
public sealed class TwoNodesOnRedis : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public VirtualMeetNode A { get; private set; } = null!;

    public VirtualMeetNode B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        A = await VirtualMeetNode.StartWithRedisAsync(Redis);
        B = await VirtualMeetNode.StartWithRedisAsync(Redis);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

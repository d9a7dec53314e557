using StackExchange.Redis;
using VirtualMeet.Server.Storage.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.RateLimiting;

/// <summary>A private redis-server and the stores' view of it, shared by the tests of a class.</summary>
public sealed class RedisStoreFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _multiplexer;

    public RedisServer Server { get; private set; } = null!;

    internal RedisStoreDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(Server.ConnectionString);
        Database = new RedisStoreDatabase(_multiplexer);
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
            await _multiplexer.CloseAsync();
        _multiplexer?.Dispose();
        await Server.DisposeAsync();
    }
}

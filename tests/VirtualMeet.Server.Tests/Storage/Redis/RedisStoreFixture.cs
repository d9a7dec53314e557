using StackExchange.Redis;
using VirtualMeet.Server.Storage.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Storage.Redis;

/// <summary>A private redis-server and one connection, shared by a test class; tests use their own event ids.</summary>
public sealed class RedisStoreFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    internal RedisStoreDatabase Database => new(Connection);

    public async ValueTask InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(Server.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}

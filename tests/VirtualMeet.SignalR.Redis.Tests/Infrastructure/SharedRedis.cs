using VirtualMeet.Testing;

[assembly: AssemblyFixture(typeof(VirtualMeet.SignalR.Redis.Tests.Infrastructure.SharedRedis))]

namespace VirtualMeet.SignalR.Redis.Tests.Infrastructure;

/// <summary>
/// One redis-server for the tests that do not disturb it; each test isolates itself with its own channel prefix.
/// Tests that kill, restart or reconfigure Redis start a private one instead.
/// </summary>
public sealed class SharedRedis : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Redis has not started.");

    public async ValueTask InitializeAsync() => _server = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using StackExchange.Redis;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>A private redis-server and one connection, shared by a test class; tests use their own event ids.</summary>
public class RedisStoreFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    internal RedisStoreDatabase Database => new(Connection);

    /// <summary>How the server admits clients; the secured fixtures below override it.</summary>
    protected virtual RedisSecurity Security => RedisSecurity.None;

    public async ValueTask InitializeAsync()
    {
        Server = await RedisServer.StartAsync(Security);
        var options = ConfigurationOptions.Parse(Server.ConnectionString);
        if (Server.CaCertificatePath is { } authority)
        {
            options.TrustIssuer(authority);
        }

        Connection = await ConnectionMultiplexer.ConnectAsync(options);
        if (!Connection.IsConnected)
        {
            throw new InvalidOperationException($"Could not connect to the private redis-server: {Connection.GetStatus()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A redis-server that admits only an ACL user (the default user is off), as managed Redis services do.</summary>
public sealed class AclRedisStoreFixture : RedisStoreFixture
{
    protected override RedisSecurity Security { get; } = new(AclUser: "virtualmeet");
}

/// <summary>A redis-server that speaks only TLS, its certificate issued by a test CA made by openssl.</summary>
public sealed class TlsRedisStoreFixture : RedisStoreFixture
{
    protected override RedisSecurity Security { get; } = new(AclUser: "virtualmeet", Tls: true);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.EndToEnd;

/// <summary>A minimal real server: Kestrel on a loopback port chosen by the OS, one hub, the Redis backplane.</summary>
public sealed class KestrelNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelNode(WebApplication app, Uri hubUrl)
    {
        _app = app;
        HubUrl = hubUrl;
    }

    public Uri HubUrl { get; }

    public IHubContext<TestHub> Hub => _app.Services.GetRequiredService<IHubContext<TestHub>>();

    public static async Task<KestrelNode> StartAsync(string redisConnectionString, string prefix)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        // The test's own channel prefix on the multiplexer: tests sharing one Redis never hear each other.
        builder.Services.AddRedisConnection(redisConnectionString, o => o.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(prefix + ":"));
        builder.Services.AddSingleton<IUserIdProvider, QueryUserIdProvider>();
        builder.Services.AddSignalR().AddRedisBackplane(o => o.NodeKeyPrefix = prefix + ":nodes:");
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<TestHub>("/hub");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new KestrelNode(app, new Uri(address + "/hub"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The hub URL for a client of <paramref name="user"/>, or of nobody.</summary>
    public Uri HubUrlFor(string? user) => user is null ? HubUrl : new Uri(HubUrl, "?" + UserParameter + "=" + Uri.EscapeDataString(user));

    private const string UserParameter = "user";

    /// <summary>Tests name the user in a query parameter of the hub URL; real apps use a JWT.</summary>
    private sealed class QueryUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) =>
            connection.GetHttpContext()?.Request.Query[UserParameter].FirstOrDefault();
    }
}

using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>A private redis-server and two nodes on it (backplane and stores), shared by the tests of a class.</summary>
public sealed class TwoNodesOnRedis : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public VirtualMeetNode A { get; private set; } = null!;

    public VirtualMeetNode B { get; private set; } = null!;

    /// <summary>A dead node is noticed within about two seconds instead of ten, and reaped a quarter second later.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Realtime:Redis:NodeHeartbeatInterval"] = "00:00:00.500",
        ["Realtime:Redis:NodeTimeout"] = "00:00:02",
        ["Presence:ReapInterval"] = "00:00:00.250",
    };

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        A = await VirtualMeetNode.StartWithRedisAsync(Redis, Settings);
        B = await VirtualMeetNode.StartWithRedisAsync(Redis, Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

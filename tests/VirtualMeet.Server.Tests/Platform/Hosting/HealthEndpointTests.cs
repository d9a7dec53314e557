using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task LiveAndReadyAnswerOkOnTheEmbeddedDefault()
    {
        await using var node = await VirtualMeetNode.StartAsync();
        using var client = node.CreateClient();

        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("checks").TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task RedisDownAtStartLeavesTheNodeLiveButNotReadyUntilRedisComes()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await redis.KillAsync();

        await using var node = await VirtualMeetNode.StartWithRedisAsync(redis);
        using var client = node.CreateClient();

        using (var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken))
        using (var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = await ready.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        }

        await redis.RestartAsync(TestContext.Current.CancellationToken);

        await Eventually.UntilAsync(
            async () => (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode,
            status => status == HttpStatusCode.OK,
            TestTimeouts.Recovery,
            "the node should turn ready once Redis is reachable");
    }
}

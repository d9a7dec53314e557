using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Storage.Redis;

public sealed class RedisOutageApiTests
{
    [Fact]
    public async Task WhileRedisIsDownRequestsAnswerUnavailableAndWorkAgainAfterwards()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await using var node = await VirtualMeetNode.StartWithRedisAsync(redis);
        using var client = node.CreateClient();
        var definition = TestEvents.Create();
        await client.ImportAsync(definition, await client.OrganizerTokenAsync());

        await redis.KillAsync();
        using var down = await client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        await down.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.Unavailable);

        // Persistence is off: the restarted Redis is empty, but the node serves it again without a restart.
        await redis.RestartAsync(TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(
            async () => { using var r = await client.SendAsync(HttpMethod.Get, "/api/events", token: null); return r.StatusCode; },
            status => status == HttpStatusCode.OK,
            TestTimeouts.Recovery,
            "the node reconnects to Redis");
    }
}

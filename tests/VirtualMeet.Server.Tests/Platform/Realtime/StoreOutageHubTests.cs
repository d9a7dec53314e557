using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>A store outage reaches hub callers as <c>unavailable</c>, as it reaches REST callers as a 503 with that code.</summary>
public sealed class StoreOutageHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileRedisIsDownHubCallsAreRefusedAsUnavailableAndWorkAgainAfterwards()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var node = await VirtualMeetNode.StartWithRedisAsync(redis);
        using var client = node.CreateClient();
        var organizer = await client.OrganizerTokenAsync();
        var definition = TestEvents.Create();
        await client.ImportAsync(definition, organizer);
        await using var connection = await node.ConnectAsync(HubRoutes.Polls, organizer);
        await WatchAsync(connection, definition.Id).WaitAsync(TestTimeouts.Default, Ct);

        await redis.KillAsync();
        var detail = await HubAssert.FailsWithAsync(ErrorCodes.Unavailable, () => WatchAsync(connection, definition.Id));
        Assert.Equal(StoreOutageHubFilter.Message, detail);

        // The restarted Redis is empty (persistence is off): the event is gone, and the node says so once it reconnects.
        await redis.RestartAsync(Ct);
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    await WatchAsync(connection, definition.Id);
                    return "answered";
                }
                catch (Microsoft.AspNetCore.SignalR.HubException e)
                {
                    return HubAssert.CodeOf(e.Message);
                }
            },
            code => code is ErrorCodes.NotFound or "answered",
            TestTimeouts.Recovery,
            "the node reconnects to Redis");
    }

    private static Task<PollWatchSnapshot> WatchAsync(HubConnection connection, string eventId) =>
        connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, Ct);
}

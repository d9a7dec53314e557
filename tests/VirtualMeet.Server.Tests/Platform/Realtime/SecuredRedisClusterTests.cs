using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Two real nodes on a Redis that admits only an ACL user, and on one that speaks only TLS with a private CA
/// (<c>Redis:CaCertificatePath</c>): the backplane and the stores work through both, as on a managed Redis.
/// </summary>
public sealed class SecuredRedisClusterTests
{
    public static TheoryData<string> Securities => ["acl", "tls"];

    [Theory]
    [MemberData(nameof(Securities))]
    public async Task AGroupPushCrossesNodesOnASecuredRedis(string security)
    {
        await using var redis = await RedisServer.StartAsync(
            security == "tls" ? new RedisSecurity(AclUser: "virtualmeet", Tls: true) : new RedisSecurity(AclUser: "virtualmeet"),
            TestContext.Current.CancellationToken);
        await using var nodeA = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-a" });
        await using var nodeB = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-b" });

        // Tokens come from the identity endpoints, whose rate limits and stores live in the secured Redis too.
        var received = Channel.CreateUnbounded<ClusterProbe>();
        await using var onA = await nodeA.ConnectAsync(HubRoutes.Diagnostics, await TestTokens.OrganizerAsync(nodeA));
        onA.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe => received.Writer.TryWrite(probe));
        await using var onB = await nodeB.ConnectAsync(HubRoutes.Diagnostics, await TestTokens.OrganizerAsync(nodeB));

        await onA.InvokeAsync("JoinProbeGroup", "secured", TestContext.Current.CancellationToken);
        await onB.InvokeAsync("SendProbe", "secured", "over " + security, TestContext.Current.CancellationToken);

        var probe = await received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TestTimeouts.Default);
        Assert.Equal(("over " + security, "node-b"), (probe.Text, probe.SentByNode));
        var ready = await nodeA.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(ready.IsSuccessStatusCode, $"node A is not ready on the {security} Redis: {(int)ready.StatusCode}");
    }
}

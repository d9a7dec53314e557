using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

[Collection(LocalTopologies.Name)]
public sealed class TopologySmokeTests
{
    [Fact]
    public async Task AGroupMessageFromAClientOnNodeAReachesAClientOnNodeBBehindNginx()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var topology = await LocalTopology.UpAsync(cancellationToken);

        using var http = new HttpClient { BaseAddress = topology.NginxUrl, Timeout = TestTimeouts.Default };
        using (var ready = await http.GetAsync("/health/ready", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var token = await topology.OrganizerTokenAsync(cancellationToken);

        // One client straight to each node so the message must cross nodes; one through nginx (negotiate, then the WebSocket upgrade).
        var received = Channel.CreateUnbounded<ClusterProbe>();
        await using var onA = await TestHubConnection.ConnectAsync(new Uri(topology.NodeAUrl, HubRoutes.Diagnostics), token);
        await using var onB = await TestHubConnection.ConnectAsync(new Uri(topology.NodeBUrl, HubRoutes.Diagnostics), token);
        await using var viaNginx = await TestHubConnection.ConnectAsync(new Uri(topology.NginxUrl, HubRoutes.Diagnostics), token);
        onB.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe => received.Writer.TryWrite(probe));
        var viaNginxReceived = new TaskCompletionSource<ClusterProbe>(TaskCreationOptions.RunContinuationsAsynchronously);
        viaNginx.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe => viaNginxReceived.TrySetResult(probe));

        var nodeA = await onA.InvokeAsync<ProbeNodeInfo>("WhoAmI", cancellationToken);
        var nodeB = await onB.InvokeAsync<ProbeNodeInfo>("WhoAmI", cancellationToken);
        Assert.NotEqual(nodeA.Node, nodeB.Node);

        await onB.InvokeAsync("JoinProbeGroup", "smoke", cancellationToken);
        await viaNginx.InvokeAsync("JoinProbeGroup", "smoke", cancellationToken);
        await onA.InvokeAsync("SendProbe", "smoke", "from node A", cancellationToken);

        var atB = await received.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TestTimeouts.Default, cancellationToken);
        Assert.Equal(("from node A", nodeA.Node), (atB.Text, atB.SentByNode));
        Assert.Equal("from node A", (await viaNginxReceived.Task.WaitAsync(TestTimeouts.Default, cancellationToken)).Text);
    }
}

using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>Two real server nodes on one Redis, clients over WebSockets on different nodes.</summary>
public sealed class ClusterFanOutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private VirtualMeetNode _nodeA = null!;
    private VirtualMeetNode _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        _nodeA = await VirtualMeetNode.StartWithRedisAsync(_redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-a" });
        _nodeB = await VirtualMeetNode.StartWithRedisAsync(_redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-b" });
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task AGroupMessageSentOnNodeBReachesAMemberOnNodeA()
    {
        await using var onA = await ProbeClient.ConnectAsync(_nodeA);
        await using var onB = await ProbeClient.ConnectAsync(_nodeB);
        Assert.Equal("node-a", (await onA.WhoAmIAsync()).Node);
        Assert.Equal("node-b", (await onB.WhoAmIAsync()).Node);

        await onA.Connection.InvokeAsync("JoinProbeGroup", "stage", TestContext.Current.CancellationToken);
        await onB.Connection.InvokeAsync("JoinProbeGroup", "stage", TestContext.Current.CancellationToken);
        await onB.Connection.InvokeAsync("SendProbe", "stage", "hello from b", TestContext.Current.CancellationToken);

        var atA = await onA.NextAsync();
        var atB = await onB.NextAsync();
        Assert.Equal(("hello from b", "node-b"), (atA.Text, atA.SentByNode));
        Assert.Equal(("hello from b", "node-b"), (atB.Text, atB.SentByNode));
    }

    [Fact]
    public async Task LeavingTheGroupOnOneNodeStopsDeliveryFromTheOther()
    {
        await using var onA = await ProbeClient.ConnectAsync(_nodeA);
        await using var onB = await ProbeClient.ConnectAsync(_nodeB);
        await onA.Connection.InvokeAsync("JoinProbeGroup", "bar", TestContext.Current.CancellationToken);
        await onB.Connection.InvokeAsync("JoinProbeGroup", "bar", TestContext.Current.CancellationToken);
        await onA.Connection.InvokeAsync("LeaveProbeGroup", "bar", TestContext.Current.CancellationToken);

        await onB.Connection.InvokeAsync("SendProbe", "bar", "first", TestContext.Current.CancellationToken);
        await onB.NextAsync();
        await onA.Connection.InvokeAsync("JoinProbeGroup", "bar", TestContext.Current.CancellationToken);
        await onB.Connection.InvokeAsync("SendProbe", "bar", "second", TestContext.Current.CancellationToken);

        // Order per channel: had "first" reached A, it would arrive before "second".
        Assert.Equal("second", (await onA.NextAsync()).Text);
    }

    [Fact]
    public async Task HubCallsNeverHangWhileRedisIsDownAndDeliveryResumesAfterTwoRestarts()
    {
        await using var onA = await ProbeClient.ConnectAsync(_nodeA);
        await using var onB = await ProbeClient.ConnectAsync(_nodeB);
        await onA.Connection.InvokeAsync("JoinProbeGroup", "chaos", TestContext.Current.CancellationToken);

        for (var round = 1; round <= 2; round++)
        {
            await _redis.KillAsync();

            // While Redis is down a send either fails with a coded error or is dropped; it returns promptly.
            var whileDown = onB.Connection.InvokeAsync("SendProbe", "chaos", $"lost {round}", TestContext.Current.CancellationToken);
            var outcome = await Record.ExceptionAsync(() => whileDown.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken));
            Assert.True(outcome is null or HubException, $"round {round}: {outcome}");

            await _redis.RestartAsync(TestContext.Current.CancellationToken);

            var expected = $"after restart {round}";
            await Eventually.UntilAsync(
                async () =>
                {
                    await onB.Connection.InvokeAsync("SendProbe", "chaos", expected, TestContext.Current.CancellationToken);
                    return await onA.TryNextAsync(TimeSpan.FromMilliseconds(500));
                },
                probe => probe?.Text == expected,
                TestTimeouts.Recovery,
                $"delivery across nodes should resume after restart {round}");
        }
    }

    private sealed class ProbeClient : IAsyncDisposable
    {
        private readonly Channel<ClusterProbe> _received = Channel.CreateUnbounded<ClusterProbe>();

        private ProbeClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe => _received.Writer.TryWrite(probe));
        }

        public HubConnection Connection { get; }

        public static async Task<ProbeClient> ConnectAsync(VirtualMeetNode node)
        {
            var token = await TestTokens.OrganizerAsync(node);
            var client = new ProbeClient(TestHubConnection.Create(node.HubUrl(HubRoutes.Diagnostics), token));
            await client.Connection.StartAsync().WaitAsync(TestTimeouts.Default);
            return client;
        }

        public Task<ProbeNodeInfo> WhoAmIAsync() => Connection.InvokeAsync<ProbeNodeInfo>("WhoAmI");

        public async Task<ClusterProbe> NextAsync() =>
            await _received.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);

        public async Task<ClusterProbe?> TryNextAsync(TimeSpan within)
        {
            using var bound = new CancellationTokenSource(within);
            try
            {
                // Skip stale probes from earlier attempts: only the newest matters to the caller.
                var probe = await _received.Reader.ReadAsync(bound.Token);
                while (_received.Reader.TryRead(out var newer))
                {
                    probe = newer;
                }

                return probe;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}

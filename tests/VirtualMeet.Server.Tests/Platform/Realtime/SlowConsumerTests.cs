using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// One client that stops reading, among watchers of the same group on the same node: a burst larger than the
/// stalled socket's buffers (on loopback the kernel's send buffer grows to megabytes) reaches every watcher, and the
/// stalled connection is aborted by the outbound buffer's age limit (<see cref="SmallOutboundBuffers"/>). The byte
/// limit stays above the burst, so a watcher that falls behind while the burst arrives is never cut off. The same on
/// every feature's hub: <see cref="SlowConsumerPushPathTests"/>.
/// </summary>
public sealed class SlowConsumerTests(InMemoryNodeWithSmallOutboundBuffers oneNode, TwoNodesOnRedisWithSmallOutboundBuffers pair)
    : IClassFixture<InMemoryNodeWithSmallOutboundBuffers>, IClassFixture<TwoNodesOnRedisWithSmallOutboundBuffers>
{
    private const string Group = "burst";
    private const int Burst = 5000;
    private const int Watchers = 3;

    [Fact]
    public async Task OnOneNodeWatchersGetEveryPushWhileAStalledReaderIsAborted()
    {
        await BurstPastAStalledReaderAsync(sendFrom: oneNode.Node, watchOn: oneNode.Node);
    }

    [Fact]
    public async Task OnTwoNodesOnRedisWatchersGetEveryPushWhileAStalledReaderIsAborted()
    {
        await BurstPastAStalledReaderAsync(sendFrom: pair.A, watchOn: pair.B);
    }

    private static async Task BurstPastAStalledReaderAsync(VirtualMeetNode sendFrom, VirtualMeetNode watchOn)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = await TestTokens.OrganizerAsync(watchOn);
        var abortedBefore = StalledReaders.AbortedOn(watchOn);
        await using var stalled = await StalledReader.ConnectAsync(watchOn.HubUrl(HubRoutes.Diagnostics), token, cancellationToken);
        await stalled.InvokeAsync("JoinProbeGroup", [Group], cancellationToken);

        var watchers = new List<Watcher>();
        try
        {
            for (var i = 0; i < Watchers; i++)
                watchers.Add(await Watcher.JoinAsync(watchOn, token));
            await using var sender = await TestHubConnection.ConnectAsync(sendFrom.HubUrl(HubRoutes.Diagnostics), await TestTokens.OrganizerAsync(sendFrom));

            // About 5 MB to every member: more than the stalled reader's socket and the transport's pipe take.
            var padding = new string('x', 990);
            for (var n = 0; n < Burst; n++)
                await sender.SendAsync("SendProbe", Group, n.ToString("D4", CultureInfo.InvariantCulture) + padding, cancellationToken);

            foreach (var watcher in watchers)
                Assert.Equal(Enumerable.Range(0, Burst), await watcher.AllAsync());

            await StalledReaders.AssertAbortedAsync(stalled, watchOn, abortedBefore);
        }
        finally
        {
            foreach (var watcher in watchers)
                await watcher.DisposeAsync();
        }
    }

    private sealed class Watcher : IAsyncDisposable
    {
        private readonly List<int> _received = [];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Watcher(HubConnection connection)
        {
            Connection = connection;
            connection.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe =>
            {
                lock (_received)
                {
                    _received.Add(int.Parse(probe.Text.AsSpan(0, 4), CultureInfo.InvariantCulture));
                    if (_received.Count == Burst)
                        _all.TrySetResult();
                }
            });
        }

        private HubConnection Connection { get; }

        public static async Task<Watcher> JoinAsync(VirtualMeetNode node, string token)
        {
            var watcher = new Watcher(TestHubConnection.Create(node.HubUrl(HubRoutes.Diagnostics), token));
            await watcher.Connection.StartAsync().WaitAsync(TestTimeouts.Default);
            await watcher.Connection.InvokeAsync("JoinProbeGroup", Group);
            return watcher;
        }

        public async Task<IReadOnlyList<int>> AllAsync()
        {
            // Generous: a loaded machine moves 5 MB to three clients slowly; without the buffer they would wait for the stall.
            await _all.Task.WaitAsync(TestTimeouts.Recovery);
            lock (_received) return [.. _received];
        }

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}

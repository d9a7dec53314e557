using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// One client that stops reading, among watchers of the same group on the same node: a burst larger than the
/// stalled socket's buffers (on loopback the kernel's send buffer grows to megabytes) reaches every watcher, and the
/// stalled connection is aborted by the outbound buffer's age limit (SignalR's own client timeout is set long here).
/// The byte limit stays above the burst, so a watcher that falls behind while the burst arrives is never cut off.
/// </summary>
public sealed class SlowConsumerTests
{
    private const string Group = "burst";
    private const int Burst = 5000;
    private const int Watchers = 3;

    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Realtime:OutboundBufferLimit"] = "16777216",
        ["Realtime:OutboundBufferMaxAge"] = "00:00:02",
        ["Realtime:ClientTimeoutInterval"] = "00:02:00",
    };

    [Fact]
    public async Task OnOneNodeWatchersGetEveryPushWhileAStalledReaderIsAborted()
    {
        await using var node = await VirtualMeetNode.StartAsync(SmallLimits);

        await BurstPastAStalledReaderAsync(sendFrom: node, watchOn: node);
    }

    [Fact]
    public async Task OnTwoNodesOnRedisWatchersGetEveryPushWhileAStalledReaderIsAborted()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await using var sender = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?>(SmallLimits) { ["Hosting:NodeName"] = "node-a" });
        await using var watched = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?>(SmallLimits) { ["Hosting:NodeName"] = "node-b" });

        await BurstPastAStalledReaderAsync(sendFrom: sender, watchOn: watched);
    }

    private static async Task BurstPastAStalledReaderAsync(VirtualMeetNode sendFrom, VirtualMeetNode watchOn)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = await TestTokens.OrganizerAsync(watchOn);
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

            var slowConsumers = watchOn.GetRequiredService<SlowConsumers>();
            await Eventually.UntilAsync(() => Task.FromResult(slowConsumers.AbortedTotal), aborted => aborted == 1,
                because: "the outbound buffer aborts the stalled reader");
            Assert.True(await stalled.ReadUntilClosedAsync(TestTimeouts.Default), "the stalled reader's connection should be closed");
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

using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// A <see cref="StalledReader"/> in a hub's real room, and the proof that its node cut it off
/// (<see cref="SmallOutboundBuffers"/> keep that to a few seconds).
/// </summary>
internal static class StalledReaders
{
    /// <summary>More than loopback's kernel buffers and the transport's pipe take from a client that reads nothing.</summary>
    private const long FillBytes = 3 * 1024 * 1024;

    /// <summary>
    /// Connects to <paramref name="route"/>, joins with the hub's own <paramref name="joinMethod"/> (reading its
    /// answer) and then fills the connection with answers it never reads, until its node buffers for it: what the node
    /// sends it next stalls.
    /// </summary>
    public static async Task<StalledReader> JoinAndStallAsync(VirtualMeetNode node, string route, string token, string joinMethod, params object?[] arguments)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var abortedBefore = AbortedOn(node);
        var reader = await StalledReader.ConnectAsync(node.HubUrl(route), token, cancellationToken);
        try
        {
            await reader.InvokeAsync(joinMethod, arguments, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
            // Bounded: a node that stopped reading this client (no outbound buffer) would hold the sends for good.
            await reader.FillWithUnreadAnswersAsync(FillBytes, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
            // The pushes that follow must meet a transport that accepts nothing, not kernel buffers with room left (on a
            // slow machine the node may already have cut the reader off by the time this looks).
            var slowConsumers = node.GetRequiredService<SlowConsumers>();
            await Eventually.UntilAsync(() => Task.FromResult(slowConsumers.BufferingNow > 0 || slowConsumers.AbortedTotal > abortedBefore), stalled => stalled,
                because: "the stalled reader's transport refuses writes");
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connections <paramref name="node"/> has cut off as slow consumers so far.</summary>
    public static long AbortedOn(VirtualMeetNode node) => node.GetRequiredService<SlowConsumers>().AbortedTotal;

    /// <summary>Awaits the node's abort of a slow consumer after <paramref name="abortedBefore"/>, and that it was <paramref name="stalled"/>.</summary>
    public static async Task AssertAbortedAsync(StalledReader stalled, VirtualMeetNode node, long abortedBefore)
    {
        await Eventually.UntilAsync(() => Task.FromResult(AbortedOn(node)), aborted => aborted > abortedBefore,
            because: "the outbound buffer aborts the stalled reader");
        Assert.True(await stalled.ReadUntilClosedAsync(TestTimeouts.Default), "the stalled reader's connection should be closed");
    }
}

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
    /// answer) and then fills the connection with answers it never reads: what the node sends it next stalls.
    /// </summary>
    public static async Task<StalledReader> JoinAndStallAsync(VirtualMeetNode node, string route, string token, string joinMethod, params object?[] arguments)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var reader = await StalledReader.ConnectAsync(node.HubUrl(route), token, cancellationToken);
        try
        {
            await reader.InvokeAsync(joinMethod, arguments, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
            // Bounded: a node that stopped reading this client (no outbound buffer) would hold the sends for good.
            await reader.FillWithUnreadAnswersAsync(FillBytes, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
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

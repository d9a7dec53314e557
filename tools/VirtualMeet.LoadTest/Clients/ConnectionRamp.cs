using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// Opens one connection per attendee, round-robin over the targets, each after a random delay within the ramp
/// window (jitter, as real audiences trickle in), with a bound on handshakes in flight. A connection that fails is
/// counted, not retried: failures are part of the result.
/// </summary>
internal static class ConnectionRamp
{
    public static async Task<RampResult> OpenAsync(
        Deployment deployment,
        string hubPath,
        IReadOnlyList<Attendee> attendees,
        TimeSpan window,
        Func<int, LoadClient, Task> afterConnect,
        Action<int, HubConnection> subscribe,
        CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var handshakes = new SemaphoreSlim(64);
        var failures = 0;
        string? firstError = null;
        var clients = new LoadClient?[attendees.Count];
        await Task.WhenAll(attendees.Select(async (attendee, i) =>
        {
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * window.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
            await handshakes.WaitAsync(cancellationToken);
            try
            {
                var client = await LoadClient.ConnectAsync(deployment.Target(i), hubPath, attendee, c => subscribe(i, c), cancellationToken);
                await afterConnect(i, client);
                clients[i] = client;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstError, ex.GetType().Name + ": " + ex.Message, null);
            }
            finally
            {
                handshakes.Release();
            }
        }));
        return new RampResult(clients, failures, firstError, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>Connections by attendee index (<c>null</c> where connecting failed).</summary>
internal sealed record RampResult(LoadClient?[] Clients, int Failures, string? FirstError, TimeSpan Elapsed)
{
    public IEnumerable<LoadClient> Connected => Clients.OfType<LoadClient>();

    public int Held => Clients.Count(c => c is { IsClosed: false });

    public async Task DisposeAsync()
    {
        foreach (var chunk in Connected.Chunk(256))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }
}

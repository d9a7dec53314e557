using VirtualMeet.BaselineHub;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// Idle soak: ramp N attendee connections (jittered) that watch the polls, then hold them. Reported: connections
/// held at the end of the hold (any the server dropped are missing), failed handshakes, the nodes' resident memory
/// growth per held connection (VmRSS after the ramp minus before it, only when the tool started the nodes).
/// </summary>
internal static class SoakScenario
{
    public static async Task<(PollAudience Audience, SoakResult Result)> RunAsync(
        Deployment deployment, int connections, TimeSpan ramp, TimeSpan hold, CancellationToken cancellationToken)
    {
        var before = deployment.Cluster?.ResidentBytes();
        var audience = await PollAudience.ConnectAsync(deployment, connections, ramp, cancellationToken);
        return (audience, await HoldAsync(deployment, connections, audience.Ramp, before, hold, cancellationToken));
    }

    /// <summary>
    /// The same soak against the baseline hub: anonymous connections that call nothing, so the memory per
    /// connection is what ASP.NET Core and SignalR alone keep for one.
    /// </summary>
    public static async Task<SoakResult> RunBaselineAsync(LocalCluster baseline, int connections, TimeSpan ramp, TimeSpan hold, CancellationToken cancellationToken)
    {
        var before = baseline.ResidentBytes();
        var anonymous = Enumerable.Range(0, connections).Select(i => new Attendee($"baseline-{i}", AccessToken: "", DisplayName: "")).ToArray();
        Progress.Say($"  ramping {connections:N0} connections over {ramp.TotalSeconds:0} s (jittered)");
        var opened = await ConnectionRamp.OpenAsync(baseline.Deployment, BaselineRoutes.Hub, anonymous, ramp,
            afterConnect: (_, _) => Task.CompletedTask, subscribe: (_, _) => { }, cancellationToken);
        try
        {
            return await HoldAsync(baseline.Deployment, connections, opened, before, hold, cancellationToken);
        }
        finally
        {
            await opened.DisposeAsync();
        }
    }

    private static async Task<SoakResult> HoldAsync(
        Deployment deployment, int connections, RampResult ramp, long? before, TimeSpan hold, CancellationToken cancellationToken)
    {
        Progress.Say($"  holding {ramp.Held:N0} connections for {hold.TotalSeconds:0} s");
        var lowest = ramp.Held;
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var held = TimeSpan.Zero; held < hold; held += TimeSpan.FromSeconds(1))
        {
            await tick.WaitForNextTickAsync(cancellationToken);
            lowest = Math.Min(lowest, ramp.Held);
        }

        var after = deployment.Cluster?.ResidentBytes();
        var heldAtEnd = ramp.Held;
        double? perConnection = before is { } b && after is { } a && heldAtEnd > 0 ? (a - b) / (double)heldAtEnd : null;
        Progress.Say($"  held {heldAtEnd:N0} (lowest {lowest:N0}); server RSS {Mb(after)} MB{(perConnection is { } p ? $", {p / 1024:0.0} KB per connection" : "")}");
        return new SoakResult(connections, heldAtEnd, lowest, ramp.Failures, ramp.Elapsed, after, perConnection);
    }

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / 1048576.0:0}" : "n/a";
}

/// <param name="ServerResidentBytes">Resident memory of all nodes after the hold; null against an external deployment.</param>
/// <param name="BytesPerConnection">Growth of resident memory over the ramp, per held connection.</param>
internal sealed record SoakResult(int Requested, int Held, int LowestHeld, int Failures, TimeSpan RampTime, long? ServerResidentBytes, double? BytesPerConnection);

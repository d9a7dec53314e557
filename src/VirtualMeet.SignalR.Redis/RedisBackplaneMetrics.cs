using System.Diagnostics.Metrics;

namespace VirtualMeet.SignalR.Redis;

/// <summary>
/// The backplane's instruments, on the meter "VirtualMeet.SignalR.Redis". One instance per node, shared by the
/// lifetime managers of every hub, <see cref="BackplaneResync"/> and the node registry.
/// </summary>
public sealed class RedisBackplaneMetrics
{
    /// <summary>The meter name to listen to (OpenTelemetry, dotnet-counters).</summary>
    public const string MeterName = "VirtualMeet.SignalR.Redis";

    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _ackTimeouts;
    private readonly Counter<long> _resyncs;
    private long _localConnections;
    private long _publishedTotal;
    private long _publishFailuresTotal;
    private long _resyncRequestsTotal;

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/>.</summary>
    public RedisBackplaneMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("virtualmeet.backplane.messages_published", "{message}", "Sends handed to Redis.");
        _publishFailures = meter.CreateCounter<long>("virtualmeet.backplane.publish_failures", "{message}", "Sends that failed or timed out (message dropped, resync requested).");
        _ackTimeouts = meter.CreateCounter<long>("virtualmeet.backplane.ack_timeouts", "{command}", "Group commands without acknowledgement in time.");
        _resyncs = meter.CreateCounter<long>("virtualmeet.backplane.resync_requests", "{connection}", "Local connections asked to resynchronise after pushes may have been lost.");
        meter.CreateObservableGauge("virtualmeet.backplane.local_connections", () => Volatile.Read(ref _localConnections), "{connection}", "Hub connections held by this node.");
    }

    /// <summary>Hub connections currently held by this node, across hubs.</summary>
    public long LocalConnections => Volatile.Read(ref _localConnections);

    // Totals kept beside the instruments so that diagnostics and tests can read them without a listener.
    internal long PublishedTotal => Volatile.Read(ref _publishedTotal);

    internal long PublishFailuresTotal => Volatile.Read(ref _publishFailuresTotal);

    internal long ResyncRequestsTotal => Volatile.Read(ref _resyncRequestsTotal);

    internal void Published()
    {
        Interlocked.Increment(ref _publishedTotal);
        _published.Add(1);
    }

    internal void PublishFailed()
    {
        Interlocked.Increment(ref _publishFailuresTotal);
        _publishFailures.Add(1);
    }

    internal void AckTimedOut() => _ackTimeouts.Add(1);

    internal void ResyncRequested(int connections)
    {
        Interlocked.Add(ref _resyncRequestsTotal, connections);
        _resyncs.Add(connections);
    }

    internal void ConnectionAdded() => Interlocked.Increment(ref _localConnections);

    internal void ConnectionRemoved() => Interlocked.Decrement(ref _localConnections);
}

using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Realtime;

namespace VirtualMeet.Server.Rooms.Presence;

/// <summary>
/// Runs on every node: frees grace holds that passed and the seats of nodes that stopped heartbeating, then
/// hands what changed to the features' <see cref="IPresenceChangeSink"/>s. The store's reap is idempotent,
/// so all nodes reaping at once report each freed seat exactly once.
/// </summary>
internal sealed partial class PresenceReaper(
    IPresenceStore store,
    ClusterNode node,
    IEnumerable<IPresenceChangeSink> sinks,
    IOptions<PresenceOptions> options,
    TimeProvider timeProvider,
    ILogger<PresenceReaper> logger) : BackgroundService
{
    private readonly IPresenceChangeSink[] _sinks = [.. sinks];

    /// <summary>One reap now; returns what it freed (after delivering it to the sinks).</summary>
    public async Task<IReadOnlyList<PresenceSeatChange>> ReapOnceAsync(CancellationToken cancellationToken)
    {
        var live = await node.LiveNodeIdsAsync(cancellationToken);
        var changes = await store.ReapAsync(new PresenceReap(timeProvider.GetUtcNow(), live, node.NodeTimeout), cancellationToken);
        foreach (var sink in _sinks)
        {
            var mine = changes.Where(c => c.Room.RoomId.StartsWith(sink.RoomPrefix, StringComparison.Ordinal)).ToList();
            if (mine.Count == 0)
                continue;
            try
            {
                await sink.OnSeatsFreedAsync(mine, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One feature's failing push must not keep the others from hearing about their rooms.
                LogSinkFailed(logger, sink.RoomPrefix, ex);
            }
        }

        return changes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReapInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var changes = await ReapOnceAsync(stoppingToken);
                    if (changes.Count > 0)
                        LogReaped(logger, changes.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redis down or a node list unreadable: try again next tick; nothing was half-done.
                    LogReapFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Presence reaper freed {SeatCount} seats")]
    private static partial void LogReaped(ILogger logger, int seatCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence reap failed; retrying next tick")]
    private static partial void LogReapFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence change sink for rooms {RoomPrefix} failed")]
    private static partial void LogSinkFailed(ILogger logger, string roomPrefix, Exception exception);
}

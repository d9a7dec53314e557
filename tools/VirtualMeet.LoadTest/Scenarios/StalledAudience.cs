using VirtualMeet.Contracts;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.Testing;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// Attendees that stop reading (<c>--stalled-readers N</c>) in a hub's room, all on the first node, so the other
/// watchers' latency there shows whether a fan-out waits for them. On loopback the kernel's send buffer grows to
/// megabytes, which a real client's network would never allow; each stalled reader therefore first fills that
/// buffer with answers it never reads (<see cref="StalledReader.FillWithUnreadAnswersAsync"/>), so the measured pushes meet a transport that
/// accepts nothing.
/// </summary>
internal sealed class StalledAudience : IAsyncDisposable
{
    private const long PrefillBytes = 3 * 1024 * 1024;

    /// <summary>The pause between the prefill and the measured pushes; a comparison without stalled readers pauses alike.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    private readonly List<StalledReader> _readers = [];

    private StalledAudience()
    {
    }

    public int Count => _readers.Count;

    public static Task<StalledAudience> JoinStageAsync(ConferenceApi api, Deployment deployment, string eventId, int count, CancellationToken cancellationToken) =>
        JoinAsync(api, deployment, eventId, count, new Room("keynote", HubRoutes.Stage, "JoinStage", [ScenarioEvent.Keynote]), SettleTime, cancellationToken);

    /// <summary>
    /// <paramref name="count"/> attendees on the first node join <paramref name="room"/> with its hub's own method, then
    /// stop reading; returns <paramref name="settle"/> after their prefill went out (<see cref="SettleTime"/> to measure).
    /// </summary>
    public static async Task<StalledAudience> JoinAsync(
        ConferenceApi api, Deployment deployment, string eventId, int count, Room room, TimeSpan settle, CancellationToken cancellationToken)
    {
        var audience = new StalledAudience();
        if (count == 0)
            return audience;

        var node = deployment.Targets[0];
        var prefills = new List<Task>();
        foreach (var attendee in await api.RegisterAsync(eventId, count, parallelism: 4, cancellationToken))
        {
            var reader = await StalledReader.ConnectAsync(new Uri(node, room.Route), attendee.AccessToken, cancellationToken);
            audience._readers.Add(reader);
            await reader.InvokeAsync(room.JoinMethod, room.JoinArguments, cancellationToken);
            prefills.Add(reader.FillWithUnreadAnswersAsync(PrefillBytes, cancellationToken));
        }

        // Without an outbound buffer the server stops reading a stalled client's calls, so this wait is bounded.
        await Task.WhenAny(Task.WhenAll(prefills), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        // The node answers those calls after they arrived; the measured pushes start once it is done, so its work on
        // the answers does not count against them. Well within the age limit (10 s), so the viewers stay stalled, not cut off.
        await Task.Delay(settle, cancellationToken);
        Progress.Say($"  {room.Name}: {count} attendee(s) on {node} stopped reading");
        return audience;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var reader in _readers)
            await reader.DisposeAsync();
    }

    /// <summary>A hub's room as a stalled reader joins it: the route, the join method and its arguments.</summary>
    public sealed record Room(string Name, string Route, string JoinMethod, object?[] JoinArguments);
}

using VirtualMeet.Contracts;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.Testing;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// Stage viewers that stop reading (<c>--stalled-readers N</c>), all on the first node, so the other viewers' latency
/// there shows whether a fan-out waits for them. On loopback the kernel's send buffer grows to megabytes, which a
/// real client's network would never allow; each stalled viewer therefore first calls a method the hub does not have,
/// under a name of 30 KB that each error answer repeats, often enough that the answers (to it alone, never read) fill
/// that buffer, so the measured pushes meet a transport that accepts nothing.
/// </summary>
internal sealed class StalledAudience : IAsyncDisposable
{
    private const long PrefillBytes = 3 * 1024 * 1024;

    // Below Realtime:MaximumReceiveMessageSize (32 KB), so the call is read and answered rather than refused.
    private static readonly string UnknownMethod = "Prefill" + new string('x', 30_000);

    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    private readonly List<StalledReader> _readers = [];

    private StalledAudience()
    {
    }

    public int Count => _readers.Count;

    public static async Task<StalledAudience> JoinStageAsync(ConferenceApi api, Deployment deployment, string eventId, int count, CancellationToken cancellationToken)
    {
        var audience = new StalledAudience();
        if (count == 0)
            return audience;

        var node = deployment.Targets[0];
        var prefills = new List<Task>();
        foreach (var attendee in await api.RegisterAsync(eventId, count, parallelism: 4, cancellationToken))
        {
            var reader = await StalledReader.ConnectAsync(new Uri(node, HubRoutes.Stage), attendee.AccessToken, cancellationToken);
            audience._readers.Add(reader);
            await reader.InvokeAsync("JoinStage", [ScenarioEvent.Keynote], cancellationToken);
            prefills.Add(reader.InvokeWithoutReadingAsync(UnknownMethod, [], (int)(PrefillBytes / UnknownMethod.Length), cancellationToken));
        }

        // Without an outbound buffer the server stops reading a stalled client's calls, so this wait is bounded.
        await Task.WhenAny(Task.WhenAll(prefills), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        // The node answers those calls after they arrived; the measured pushes start once it is done, so its work on
        // the answers does not count against them. Well within the age limit (10 s), so the viewers stay stalled, not cut off.
        await Task.Delay(SettleTime, cancellationToken);
        Progress.Say($"  keynote: {count} viewer(s) on {node} stopped reading");
        return audience;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var reader in _readers)
            await reader.DisposeAsync();
    }
}

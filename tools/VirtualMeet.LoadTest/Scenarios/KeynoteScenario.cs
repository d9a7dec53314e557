using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// A keynote audience on the stage: some attendees chat, everyone reacts. Measured: delivery latency of every
/// chat line to every viewer (send → arrival), chat lines lost or duplicated per viewer (by chat version), and
/// whether the reaction windows each viewer received add up to exactly the reactions the store accepted.
/// </summary>
internal static class KeynoteScenario
{
    private const string Reaction = "applause";

    public static async Task<KeynoteRunResult> RunAsync(Deployment deployment, int audienceSize, int chatters, int linesPerChatter, int reactionsPerAttendee, CancellationToken cancellationToken, int stalledReaders = 0)
    {
        using var api = new ConferenceApi(deployment);
        var eventId = await ScenarioEvent.CreateAsync(api, breakoutSeats: 10, barTables: 1, seatsPerTable: 4, cancellationToken);
        Progress.Say($"  keynote: registering and joining {audienceSize:N0} viewers");
        var attendees = await api.RegisterAsync(eventId, audienceSize, parallelism: 32, cancellationToken);
        var lines = chatters * linesPerChatter;
        var sentAt = new long[lines];
        var viewers = attendees.Select(_ => new Viewer(sentAt)).ToArray();
        var ramp = await ConnectionRamp.OpenAsync(deployment, HubRoutes.Stage, attendees, TimeSpan.FromSeconds(Math.Max(2, audienceSize / 500)),
            afterConnect: (_, client) => client.Connection.InvokeAsync<StageState>("JoinStage", ScenarioEvent.Keynote, cancellationToken),
            subscribe: (i, connection) => viewers[i].Subscribe(connection),
            cancellationToken);
        try
        {
            await using var stalled = await StalledAudience.JoinStageAsync(api, deployment, eventId, stalledReaders, cancellationToken);
            var clients = ramp.Clients;
            var acceptedLines = new List<long>();
            var chatStarted = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Math.Min(chatters, clients.Length)).Select(async c =>
            {
                if (clients[c] is not { } chatter)
                    return;
                for (var l = 0; l < linesPerChatter; l++)
                {
                    var n = c * linesPerChatter + l;
                    sentAt[n] = Stopwatch.GetTimestamp();
                    var line = await chatter.Connection.InvokeAsync<ChatMessage>("SendChat", ScenarioEvent.Keynote, $"line {n.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
                    lock (acceptedLines) acceptedLines.Add(line.Version);
                }
            }));
            var reactionsAccepted = 0;
            var reactionsRefused = 0;
            await BoundedParallel.RunAsync(clients.Length * reactionsPerAttendee, 256, async n =>
            {
                if (clients[n % clients.Length] is not { } client)
                    return 0;
                try
                {
                    await client.Connection.InvokeAsync("React", ScenarioEvent.Keynote, Reaction, cancellationToken);
                    Interlocked.Increment(ref reactionsAccepted);
                }
                catch (HubException)
                {
                    Interlocked.Increment(ref reactionsRefused);
                }

                return 0;
            });

            // The run's event is new: no chat line or reaction existed before the viewers joined, so every viewer should see all of them.
            var live = Enumerable.Range(0, clients.Length).Where(i => clients[i] is { IsClosed: false }).ToArray();
            await Waiting.UntilAsync(() => live.All(i => viewers[i].Chat.Missing(acceptedLines) == 0 && viewers[i].ReactionSum >= reactionsAccepted),
                TimeSpan.FromSeconds(30), cancellationToken);
            var truth = await clients[live[0]]!.Connection.InvokeAsync<StageState>("JoinStage", ScenarioEvent.Keynote, cancellationToken);
            var latency = new Latencies();
            foreach (var i in live)
                viewers[i].AddLatencies(latency);
            var lastArrival = live.Select(i => viewers[i].LastLineArrival).DefaultIfEmpty(chatStarted).Max();
            var linesPerSecond = acceptedLines.Count / Math.Max(0.001, Stopwatch.GetElapsedTime(chatStarted, lastArrival).TotalSeconds);
            var result = new KeynoteRunResult(
                Viewers: live.Length,
                ConnectFailures: ramp.Failures,
                Lines: acceptedLines.Count,
                LinesPerSecond: linesPerSecond,
                ChatLatency: latency.Summarize(),
                ChatLost: live.Sum(i => viewers[i].Chat.Missing(acceptedLines)),
                ChatDuplicates: live.Sum(i => viewers[i].Chat.Duplicates),
                ReactionsAccepted: reactionsAccepted,
                ReactionsRefused: reactionsRefused,
                StoreReactions: truth.Reactions.TryGetValue(Reaction, out var total) ? total : 0,
                ViewersOffReactionTotal: live.Count(i => viewers[i].ReactionSum != reactionsAccepted),
                WindowDuplicates: live.Sum(i => viewers[i].Windows.Duplicates));
            Progress.Say($"  keynote: {result.Lines} lines to {result.Viewers:N0} viewers, {result.ChatLatency}; lost {result.ChatLost}, dup {result.ChatDuplicates}; reactions {reactionsAccepted:N0} accepted, store {result.StoreReactions:N0}");
            await api.DeleteEventAsync(eventId, cancellationToken);
            return result;
        }
        finally
        {
            await ramp.DisposeAsync();
        }
    }

    /// <summary>One viewer's record of chat lines (by chat version) and reaction windows.</summary>
    private sealed class Viewer(long[] sentAt)
    {
        private readonly List<(int Line, long At)> _lines = [];
        private long _reactionSum;

        public VersionLog Chat { get; } = new();

        public VersionLog Windows { get; } = new();

        public long ReactionSum => Interlocked.Read(ref _reactionSum);

        /// <summary>When the last chat line of the run arrived here (a Stopwatch timestamp).</summary>
        public long LastLineArrival
        {
            get
            {
                lock (_lines) return _lines.Count == 0 ? 0 : _lines.Max(l => l.At);
            }
        }

        public void Subscribe(HubConnection connection)
        {
            connection.On<StageChatMessage>(nameof(IStageClient.ChatReceived), m =>
            {
                var now = Stopwatch.GetTimestamp();
                Chat.Record(m.Message.Version, now);
                if (m.Message.Text is { } text && text.StartsWith("line ", StringComparison.Ordinal))
                {
                    lock (_lines) _lines.Add((int.Parse(text.AsSpan(5), CultureInfo.InvariantCulture), now));
                }
            });
            connection.On<ReactionsUpdate>(nameof(IStageClient.Reactions), r =>
            {
                var before = Windows.Duplicates;
                Windows.Record(r.Window, Stopwatch.GetTimestamp());
                if (Windows.Duplicates == before && r.Counts.TryGetValue(Reaction, out var count))
                    Interlocked.Add(ref _reactionSum, count);
            });
        }

        public void AddLatencies(Latencies latencies)
        {
            lock (_lines)
            {
                foreach (var (line, at) in _lines)
                    latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(sentAt[line], at).TotalMilliseconds));
            }
        }
    }
}

internal sealed record KeynoteRunResult(
    int Viewers,
    int ConnectFailures,
    int Lines,
    double LinesPerSecond,
    LatencySummary ChatLatency,
    int ChatLost,
    int ChatDuplicates,
    int ReactionsAccepted,
    int ReactionsRefused,
    long StoreReactions,
    int ViewersOffReactionTotal,
    int WindowDuplicates);

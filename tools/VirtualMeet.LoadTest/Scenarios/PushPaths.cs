using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.LoadTest.Clients;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// One hub's push path as <see cref="StalledScenario"/> drives it: how watchers (and stalled readers) join its room,
/// which numbered actions of other attendees push to that room, and which actions a push shows. Action n counts as
/// delivered to a watcher at the first push that shows it (for coalesced pushes: the first state that includes it).
/// </summary>
internal abstract class PushPath
{
    /// <summary>Fresh paths for a run (the poll and the movers are per run).</summary>
    public static PushPath[] All() =>
    [
        new RoomChat<StageChatMessage>("stage chat", HubRoutes.Stage, "JoinStage", ScenarioEvent.Keynote, nameof(IStageClient.ChatReceived), m => m.Message),
        new PollResults(),
        new RoomChat<BreakoutChatLine>("breakout chat", HubRoutes.Breakouts, "JoinBreakout", ScenarioEvent.Breakout, nameof(IBreakoutsClient.ChatReceived), l => l.Message),
        new BarTables(),
    ];

    /// <summary>Seats of each bar table: mover n sits at table n / SeatsPerTable + 1.</summary>
    public const int SeatsPerTable = 4;

    public abstract string Name { get; }

    public abstract string Route { get; }

    public abstract string JoinMethod { get; }

    /// <summary>Attendees whose connections act (one chatter, or one voter or mover per action).</summary>
    public virtual int Actors(int actions) => 1;

    public abstract object?[] JoinArguments(string eventId);

    /// <summary>Organizer work before anyone joins (a poll opened).</summary>
    public virtual Task PrepareAsync(ConferenceApi api, string eventId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers the handler that reports which actions each push shows.</summary>
    public abstract void Subscribe(HubConnection connection, Action<IEnumerable<int>> shown);

    /// <summary>Performs action <paramref name="n"/> with the actor connections.</summary>
    public abstract Task ActAsync(IReadOnlyList<LoadClient> actors, int n, string eventId, CancellationToken cancellationToken);

    protected static string Line(int n) => "line " + n.ToString(CultureInfo.InvariantCulture);

    protected static int LineNumber(string? text) =>
        text is not null && text.StartsWith("line ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(5), CultureInfo.InvariantCulture) : -1;

    /// <summary>One chatter's numbered lines in a room; each push shows one line.</summary>
    private sealed class RoomChat<TPush>(string name, string route, string joinMethod, string sessionId, string pushMethod, Func<TPush, ChatMessage> message)
        : PushPath
    {
        public override string Name => name;

        public override string Route => route;

        public override string JoinMethod => joinMethod;

        public override object?[] JoinArguments(string eventId) => [sessionId];

        public override void Subscribe(HubConnection connection, Action<IEnumerable<int>> shown) =>
            connection.On<TPush>(pushMethod, push => shown([LineNumber(message(push).Text)]));

        public override Task ActAsync(IReadOnlyList<LoadClient> actors, int n, string eventId, CancellationToken cancellationToken) =>
            actors[0].Connection.InvokeAsync<ChatMessage>("SendChat", sessionId, Line(n), cancellationToken);
    }

    /// <summary>Votes by distinct attendees; a results push with V voters shows votes 0 to V-1 (they vote one after the other).</summary>
    private sealed class PollResults : PushPath
    {
        private string _pollId = "";

        public override string Name => "poll results";

        public override string Route => HubRoutes.Polls;

        public override string JoinMethod => PollsHubMethods.Watch;

        public override int Actors(int actions) => actions;

        public override object?[] JoinArguments(string eventId) => [eventId, null];

        public override async Task PrepareAsync(ConferenceApi api, string eventId, CancellationToken cancellationToken)
        {
            _pollId = await api.CreatePollAsync(eventId, options: 4, cancellationToken);
            await api.OpenPollAsync(eventId, _pollId, cancellationToken);
        }

        public override void Subscribe(HubConnection connection, Action<IEnumerable<int>> shown) =>
            connection.On<PollResultsView>(nameof(IPollsClient.PollResults), r => shown(Enumerable.Range(0, (int)r.Voters)));

        public override Task ActAsync(IReadOnlyList<LoadClient> actors, int n, string eventId, CancellationToken cancellationToken) =>
            actors[n].Connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, _pollId, new Ballot([n % 4]), cancellationToken);
    }

    /// <summary>Mover n takes a seat; a <c>TableChanged</c> shows every mover seated at the tables it carries.</summary>
    private sealed class BarTables : PushPath
    {
        private readonly Dictionary<string, int> _movers = new(StringComparer.Ordinal);

        public override string Name => "bar tables";

        public override string Route => HubRoutes.Bars;

        public override string JoinMethod => BarsHubMethods.EnterBars;

        public override int Actors(int actions) => actions;

        public override object?[] JoinArguments(string eventId) => [eventId];

        public override void Subscribe(HubConnection connection, Action<IEnumerable<int>> shown) =>
            connection.On<BarTablesUpdate>(nameof(IBarsClient.TableChanged), u => shown(u.Tables
                .SelectMany(t => t.Occupants)
                .Select(o => Mover(o.ParticipantId))
                .Where(n => n >= 0)
                .ToList()));

        public override Task ActAsync(IReadOnlyList<LoadClient> actors, int n, string eventId, CancellationToken cancellationToken)
        {
            lock (_movers) _movers[actors[n].Attendee.Id] = n;
            return actors[n].Connection.InvokeAsync<JoinedTable>(BarsHubMethods.JoinTable, ScenarioEvent.Bar, $"t{n / SeatsPerTable + 1}", cancellationToken);
        }

        private int Mover(string attendeeId)
        {
            lock (_movers) return _movers.GetValueOrDefault(attendeeId, -1);
        }
    }
}

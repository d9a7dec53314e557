using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// An event with stage sessions in a node's store, tokens from the node's own issuer (so tests can have many
/// distinct attendees), and hub connections. The same event is reachable through every node on the same Redis.
/// </summary>
internal sealed class StageTestClient(VirtualMeetNode node, string eventId) : EventOnNode(node, eventId)
{
    public const string MainStage = "keynote";
    public const string Panel = "panel";
    public const string Breakout = "breakout";

    /// <summary>Moderates <see cref="Keynote"/> only.</summary>
    public const string Host = "host";

    /// <summary>Moderates <see cref="Panel"/> only.</summary>
    public const string PanelHost = "panel-host";

    public const string Speaker = "speaker";

    public static async Task<StageTestClient> WithNewEventAsync(VirtualMeetNode node) => new(node, await AddEventAsync(node, Event()));

    public static EventDefinition Event()
    {
        var start = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(2));
        return new EventDefinition(
            "stage-" + Guid.NewGuid().ToString("N")[..12],
            "Bühnentest",
            "Europe/Berlin",
            ["de", "en"],
            [
                new SessionDefinition(MainStage, SessionKind.Keynote, new LocalizedText("Eröffnung", "Opening"), "de", start, start.AddMinutes(45),
                    SpeakerIds: [Speaker], ModeratorIds: [Host]),
                new SessionDefinition(Panel, SessionKind.Panel, new LocalizedText("Podium", "Panel"), "de", start.AddHours(1), start.AddHours(2),
                    ModeratorIds: [PanelHost]),
                new SessionDefinition(Breakout, SessionKind.Breakout, new LocalizedText("Werkstatt", null), "de", start.AddHours(1), start.AddHours(2)),
            ],
            [new PersonDefinition(Host, "Max Moderator"), new PersonDefinition(PanelHost, "Pia Podium"), new PersonDefinition(Speaker, "Erika Muster")]);
    }

    public StageTestClient On(VirtualMeetNode other) => new(other, EventId);

    public string AttendeeToken(string attendeeId, string language = "en") =>
        Issuer.IssueAttendee(EventId, attendeeId, language).AccessToken;

    public string PersonToken(string personId, params string[] roles) =>
        Issuer.IssuePerson(EventId, personId, [Roles.Attendee, .. roles]).AccessToken;

    public string HostToken() => PersonToken(Host, Roles.Moderator);

    public string OrganizerToken() => Issuer.IssueOrganizer().AccessToken;

    public Task<HubConnection> ConnectAsync(string token) => Node.ConnectAsync(HubRoutes.Stage, token);

    public async Task<StageWatcher> JoinAsync(string token, string sessionId = MainStage)
    {
        var watcher = new StageWatcher(await ConnectAsync(token));
        watcher.State = await watcher.Connection.InvokeAsync<StageState>("JoinStage", sessionId).WaitAsync(TestTimeouts.Default);
        return watcher;
    }
}

/// <summary>A connection on a stage that records every push.</summary>
internal sealed class StageWatcher : IAsyncDisposable
{
    public StageWatcher(HubConnection connection)
    {
        Connection = connection;
        connection.On<StageView>(nameof(IStageClient.StageUpdated), Stages.Enqueue);
        connection.On<ViewerCountUpdate>(nameof(IStageClient.ViewerCount), Viewers.Enqueue);
        connection.On<ReactionsUpdate>(nameof(IStageClient.Reactions), Reactions.Enqueue);
        connection.On<StageChatMessage>(nameof(IStageClient.ChatReceived), Chat.Enqueue);
        connection.On<StageChatDeleted>(nameof(IStageClient.ChatDeleted), Deleted.Enqueue);
        connection.On<QuestionView>(nameof(IStageClient.QuestionUpdated), Questions.Enqueue);
    }

    public HubConnection Connection { get; }

    public StageState State { get; set; } = null!;

    public ConcurrentQueue<StageView> Stages { get; } = new();

    public ConcurrentQueue<ViewerCountUpdate> Viewers { get; } = new();

    public ConcurrentQueue<ReactionsUpdate> Reactions { get; } = new();

    public ConcurrentQueue<StageChatMessage> Chat { get; } = new();

    public ConcurrentQueue<StageChatDeleted> Deleted { get; } = new();

    public ConcurrentQueue<QuestionView> Questions { get; } = new();

    /// <summary>The viewer count the client shows: the newest version seen, the join's included.</summary>
    public int ShownViewers => Viewers.Append(State.Viewers).MaxBy(v => v.Version)!.Count;

    public long ReactionsReceived => Reactions.Sum(r => r.Counts.Values.Sum());

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

internal static class StageCalls
{
    public static Task<T> Call<T>(this HubConnection connection, string method, params object?[] args) =>
        connection.InvokeCoreAsync<T>(method, args).WaitAsync(TestTimeouts.Default);

    public static Task Call(this HubConnection connection, string method, params object?[] args) =>
        connection.InvokeCoreAsync(method, args).WaitAsync(TestTimeouts.Default);

    public static Task<ChatMessage> SendChat(this HubConnection connection, string text, string sessionId = StageTestClient.MainStage) =>
        connection.Call<ChatMessage>("SendChat", sessionId, text);
}

using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// A node's bars and matchmaking as tests use them: an event whose matchmaking window runs around now, tokens from
/// the node's own issuer, REST clients, and bar hub connections that record what they are pushed.
/// </summary>
internal sealed class BarTestClient(VirtualMeetNode node, string eventId) : EventOnNode(node, eventId)
{
    public static async Task<BarTestClient> WithNewEventAsync(VirtualMeetNode node) =>
        new(node, await AddEventAsync(node, MatchmakingTestData.Event(DateTimeOffset.UtcNow)));

    public BarTestClient On(VirtualMeetNode other) => new(other, EventId);

    public string Token(string attendeeId) =>
        Issuer.IssueAttendee(EventId, attendeeId, "de").AccessToken;

    public string OrganizerToken() => Issuer.IssueOrganizer().AccessToken;

    /// <summary>Registers the attendee with interests (what "find me a table" compares).</summary>
    public Task RegisterAsync(string attendeeId, params string[] interests) => RegisterAttendeeAsync(attendeeId, interests);

    public async Task<BarListener> ConnectAsync(string attendeeId) =>
        new(attendeeId, await Node.ConnectAsync(HubRoutes.Bars, Token(attendeeId)));
}

/// <summary>A bar hub connection of one attendee, with every push it received in a channel per method.</summary>
internal sealed class BarListener : IAsyncDisposable
{
    public BarListener(string attendeeId, HubConnection connection)
    {
        AttendeeId = attendeeId;
        Connection = connection;
        connection.On<BarTablesUpdate>(nameof(IBarsClient.TableChanged), u => TableChanges.Writer.TryWrite(u));
        connection.On<TableParticipantChange>(nameof(IBarsClient.ParticipantJoined), c => Joined.Writer.TryWrite(c));
        connection.On<TableParticipantChange>(nameof(IBarsClient.ParticipantLeft), c => Left.Writer.TryWrite(c));
        connection.On<TableChatMessage>(nameof(IBarsClient.ChatReceived), m => Chat.Writer.TryWrite(m));
        connection.On<TableChatDeleted>(nameof(IBarsClient.ChatDeleted), d => ChatDeleted.Writer.TryWrite(d));
        connection.On<TableSignal>(nameof(IBarsClient.Signal), s => Signals.Writer.TryWrite(s));
        connection.On<MeetingView>(nameof(IBarsClient.MeetingRequested), m => MeetingsRequested.Writer.TryWrite(m));
        connection.On<MeetingView>(nameof(IBarsClient.MeetingUpdated), m => MeetingsUpdated.Writer.TryWrite(m));
    }

    public string AttendeeId { get; }

    public HubConnection Connection { get; }

    public Channel<BarTablesUpdate> TableChanges { get; } = Channel.CreateUnbounded<BarTablesUpdate>();

    public Channel<TableParticipantChange> Joined { get; } = Channel.CreateUnbounded<TableParticipantChange>();

    public Channel<TableParticipantChange> Left { get; } = Channel.CreateUnbounded<TableParticipantChange>();

    public Channel<TableChatMessage> Chat { get; } = Channel.CreateUnbounded<TableChatMessage>();

    public Channel<TableChatDeleted> ChatDeleted { get; } = Channel.CreateUnbounded<TableChatDeleted>();

    public Channel<TableSignal> Signals { get; } = Channel.CreateUnbounded<TableSignal>();

    public Channel<MeetingView> MeetingsRequested { get; } = Channel.CreateUnbounded<MeetingView>();

    public Channel<MeetingView> MeetingsUpdated { get; } = Channel.CreateUnbounded<MeetingView>();

    public Task<BarsSnapshot> EnterAsync(string eventId) => Invoke<BarsSnapshot>(BarsHubMethods.EnterBars, eventId);

    public Task<JoinedTable> JoinAsync(string barId, string tableId) => Invoke<JoinedTable>(BarsHubMethods.JoinTable, barId, tableId);

    public Task<JoinedTable> FindAsync(string eventId) => Invoke<JoinedTable>(BarsHubMethods.FindTable, eventId);

    public Task LeaveAsync() => Connection.InvokeAsync(BarsHubMethods.LeaveTable).WaitAsync(TestTimeouts.Default);

    public Task<TableChatMessage> ChatAsync(string text) => Invoke<TableChatMessage>(BarsHubMethods.SendChat, text);

    public Task SignalAsync(string to, object payload) =>
        Connection.InvokeAsync(BarsHubMethods.Signal, to, payload).WaitAsync(TestTimeouts.Default);

    public static Task<T> NextAsync<T>(Channel<T> channel) => channel.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);

    /// <summary>Reads pushes until one matches; earlier ones are dropped.</summary>
    public static async Task<T> NextMatchingAsync<T>(Channel<T> channel, Func<T, bool> match)
    {
        while (true)
        {
            var item = await NextAsync(channel);
            if (match(item))
                return item;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private Task<T> Invoke<T>(string method, params object?[] args) =>
        Connection.InvokeCoreAsync<T>(method, args).WaitAsync(TestTimeouts.Default);
}

using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>A breakouts hub connection that records every push and keeps a participant view like a client would.</summary>
internal sealed class BreakoutClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(long Version, string Id, bool Joined)> _presence = [];
    private BreakoutRoomState? _state;

    public BreakoutClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<ParticipantJoined>(nameof(IBreakoutsClient.ParticipantJoined), p => Record(p.Version, p.Participant.ParticipantId, true));
        connection.On<ParticipantLeft>(nameof(IBreakoutsClient.ParticipantLeft), p =>
        {
            Record(p.Version, p.ParticipantId, false);
            Left.Writer.TryWrite(p);
        });
        connection.On<BreakoutChatLine>(nameof(IBreakoutsClient.ChatReceived), l => Chat.Writer.TryWrite(l));
        connection.On<BreakoutChatDeleted>(nameof(IBreakoutsClient.ChatDeleted), d => ChatDeleted.Writer.TryWrite(d));
        connection.On<HandsChanged>(nameof(IBreakoutsClient.HandsChanged), h => Hands.Writer.TryWrite(h));
        connection.On<Announcement>(nameof(IBreakoutsClient.Announcement), a => Announcements.Writer.TryWrite(a));
        connection.On<BreakoutsClosing>(nameof(IBreakoutsClient.BreakoutsClosing), c => Closing.Writer.TryWrite(c));
        connection.On<ReturnToStage>(nameof(IBreakoutsClient.ReturnToStage), r => Returned.Writer.TryWrite(r));
        connection.On<SignalMessage>(nameof(IBreakoutsClient.Signal), s => Signals.Writer.TryWrite(s));
        connection.On<Moved>(nameof(IBreakoutsClient.Moved), m => Moves.Writer.TryWrite(m));
    }

    public HubConnection Connection { get; }

    public Channel<ParticipantLeft> Left { get; } = Channel.CreateUnbounded<ParticipantLeft>();

    public Channel<BreakoutChatLine> Chat { get; } = Channel.CreateUnbounded<BreakoutChatLine>();

    public Channel<BreakoutChatDeleted> ChatDeleted { get; } = Channel.CreateUnbounded<BreakoutChatDeleted>();

    public Channel<HandsChanged> Hands { get; } = Channel.CreateUnbounded<HandsChanged>();

    public Channel<Announcement> Announcements { get; } = Channel.CreateUnbounded<Announcement>();

    public Channel<BreakoutsClosing> Closing { get; } = Channel.CreateUnbounded<BreakoutsClosing>();

    public Channel<ReturnToStage> Returned { get; } = Channel.CreateUnbounded<ReturnToStage>();

    public Channel<SignalMessage> Signals { get; } = Channel.CreateUnbounded<SignalMessage>();

    public Channel<Moved> Moves { get; } = Channel.CreateUnbounded<Moved>();

    public async Task<BreakoutRoomState> JoinAsync(string sessionId)
    {
        var state = await Connection.InvokeAsync<BreakoutRoomState>("JoinBreakout", sessionId).WaitAsync(TestTimeouts.Default);
        lock (_gate)
            _state = state;
        return state;
    }

    public Task InvokeAsync(string method, params object?[] args) =>
        Connection.InvokeCoreAsync(method, args).WaitAsync(TestTimeouts.Default);

    /// <summary>The members as this client sees them: the join snapshot plus every later push, by version.</summary>
    public IReadOnlySet<string> Participants
    {
        get
        {
            lock (_gate)
            {
                if (_state is null)
                    return new HashSet<string>();
                var view = _state.Participants.Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
                foreach (var (_, id, joined) in _presence.Where(p => p.Version > _state.Version).OrderBy(p => p.Version))
                {
                    if (joined)
                        view.Add(id);
                    else
                        view.Remove(id);
                }

                return view;
            }
        }
    }

    public static async Task<T> NextAsync<T>(Channel<T> channel) =>
        await channel.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TestTimeouts.Default);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Record(long version, string id, bool joined)
    {
        lock (_gate)
            _presence.Add((version, id, joined));
    }
}

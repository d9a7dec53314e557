using System.Collections.Concurrent;
using System.Globalization;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>One lock per room makes mute check, id, version and append a single step, like the Redis scripts.</summary>
internal sealed class InMemoryChatStore : IChatStore, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string RoomId), Room> _rooms = new();

    public Task<ChatAppendResult> AppendAsync(string eventId, string roomId, ChatDraft draft, int retain, CancellationToken cancellationToken)
    {
        var room = _rooms.GetOrAdd((eventId, roomId), _ => new Room());
        lock (room)
        {
            if (room.Mutes.TryGetValue(draft.AuthorId, out var until) && until > draft.SentAt)
                return Task.FromResult(new ChatAppendResult(null, until));

            room.Sequence++;
            room.Version++;
            var message = new ChatMessage(room.Sequence.ToString(CultureInfo.InvariantCulture), room.Version,
                draft.AuthorId, draft.AuthorName, draft.AuthorRole, draft.Text, draft.SentAt);
            room.Lines.Add(message);
            if (room.Lines.Count > retain)
                room.Lines.RemoveRange(0, room.Lines.Count - retain);
            return Task.FromResult(new ChatAppendResult(message, null));
        }
    }

    public Task<ChatHistory> RecentAsync(string eventId, string roomId, int count, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue((eventId, roomId), out var room))
            return Task.FromResult(new ChatHistory(0, []));
        lock (room)
            return Task.FromResult(new ChatHistory(room.Version, room.Lines.Skip(Math.Max(0, room.Lines.Count - count)).ToList()));
    }

    public Task<ChatDeleteResult> DeleteAsync(string eventId, string roomId, string messageId, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue((eventId, roomId), out var room))
            return Task.FromResult(new ChatDeleteResult(ChatDeleteStatus.NotFound, 0));
        lock (room)
        {
            var index = room.Lines.FindIndex(m => m.Id == messageId);
            if (index < 0)
                return Task.FromResult(new ChatDeleteResult(ChatDeleteStatus.NotFound, room.Version));
            if (room.Lines[index].Deleted)
                return Task.FromResult(new ChatDeleteResult(ChatDeleteStatus.AlreadyDeleted, room.Version));
            room.Lines[index] = Tombstone(room.Lines[index]);
            room.Version++;
            return Task.FromResult(new ChatDeleteResult(ChatDeleteStatus.Deleted, room.Version));
        }
    }

    public Task MuteAsync(string eventId, string roomId, string attendeeId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var room = _rooms.GetOrAdd((eventId, roomId), _ => new Room());
        lock (room)
            room.Mutes[attendeeId] = until;
        return Task.CompletedTask;
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _rooms.Keys.Where(k => k.EventId == eventId))
            _rooms.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatErasure>> EraseAuthorAsync(string eventId, string roomPrefix, string authorId, CancellationToken cancellationToken)
    {
        var erased = new List<ChatErasure>();
        foreach (var (key, room) in _rooms)
        {
            if (key.EventId != eventId || !key.RoomId.StartsWith(roomPrefix, StringComparison.Ordinal))
                continue;
            lock (room)
            {
                for (var i = 0; i < room.Lines.Count; i++)
                {
                    if (room.Lines[i].AuthorId != authorId)
                        continue;
                    room.Lines[i] = Erased(room.Lines[i]);
                    room.Version++;
                    erased.Add(new ChatErasure(key.RoomId, room.Lines[i].Id, room.Version));
                }

                room.Mutes.Remove(authorId);
            }
        }

        return Task.FromResult<IReadOnlyList<ChatErasure>>(erased);
    }

    /// <summary>An erased author's line: a tombstone that no longer says whose it was.</summary>
    internal static ChatMessage Erased(ChatMessage message) => Tombstone(message) with { AuthorId = "", AuthorName = "" };

    internal static ChatMessage Tombstone(ChatMessage message) => message with { Text = null, Deleted = true };

    private sealed class Room
    {
        public long Sequence { get; set; }

        public long Version { get; set; }

        public List<ChatMessage> Lines { get; } = [];

        public Dictionary<string, DateTimeOffset> Mutes { get; } = new(StringComparer.Ordinal);
    }
}

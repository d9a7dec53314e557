using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Chat rooms in Redis (see <see cref="RedisChatScripts"/> for the layout). Appends run as one script; deletes are
/// a compare-and-set of the line, retried when a concurrent change got there first.
/// </summary>
internal sealed class RedisChatStore(RedisStoreDatabase redis) : IChatStore
{
    private const int ReplaceAttempts = 3;

    public async Task<ChatAppendResult> AppendAsync(string eventId, string roomId, ChatDraft draft, int retain, CancellationToken cancellationToken)
    {
        // Once: a second run would post the line twice.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisChatScripts.Append,
            [RedisKeys.ChatMeta(eventId, roomId), RedisKeys.ChatLines(eventId, roomId), RedisKeys.ChatMutes(eventId, roomId), RedisKeys.ChatRooms(eventId)],
            [draft.AuthorId, draft.SentAt.ToUnixTimeMilliseconds(), retain, roomId, RedisJson.Serialize(draft)])))!;
        return (long)result[0] == 1
            ? new ChatAppendResult(Read((string)result[1]!), null)
            : new ChatAppendResult(null, DateTimeOffset.FromUnixTimeMilliseconds((long)result[1]));
    }

    public async Task<ChatHistory> RecentAsync(string eventId, string roomId, int count, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Idempotent(db => db.ScriptEvaluateAsync(
            RedisChatScripts.Recent,
            [RedisKeys.ChatMeta(eventId, roomId), RedisKeys.ChatLines(eventId, roomId)],
            [count])))!;
        return new ChatHistory((long)result[0], result.Skip(1).Select(line => Read((string)line!)).ToList());
    }

    public async Task<ChatDeleteResult> DeleteAsync(string eventId, string roomId, string messageId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await redis.Idempotent(db => db.HashGetAsync(RedisKeys.ChatLines(eventId, roomId), messageId));
            if (stored.IsNull)
                return new ChatDeleteResult(ChatDeleteStatus.NotFound, await VersionAsync(eventId, roomId));
            var line = Read((string)stored!);
            if (line.Deleted)
                return new ChatDeleteResult(ChatDeleteStatus.AlreadyDeleted, await VersionAsync(eventId, roomId));

            var (replaced, version) = await ReplaceAsync(eventId, roomId, messageId, (string)stored!, line with { Text = null, Deleted = true }, bumpVersion: true);
            if (replaced)
                return new ChatDeleteResult(ChatDeleteStatus.Deleted, version);
            if (attempt == ReplaceAttempts)
                throw new InvalidOperationException($"Chat line {messageId} of room {roomId} kept changing during its deletion.");
        }
    }

    public Task MuteAsync(string eventId, string roomId, string attendeeId, DateTimeOffset until, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.HashSetAsync(RedisKeys.ChatMutes(eventId, roomId), attendeeId, until.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<ChatErasure>> EraseAuthorAsync(string eventId, string roomPrefix, string authorId, CancellationToken cancellationToken)
    {
        var erased = new List<ChatErasure>();
        // Call by call, each bounded: the number of rooms and lines is the event's, not ours to cap.
        foreach (var room in await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.ChatRooms(eventId))))
        {
            var roomId = (string)room!;
            if (!roomId.StartsWith(roomPrefix, StringComparison.Ordinal))
                continue;
            await redis.Idempotent(db => db.HashDeleteAsync(RedisKeys.ChatMutes(eventId, roomId), authorId));
            foreach (var entry in await redis.Idempotent(db => db.HashGetAllAsync(RedisKeys.ChatLines(eventId, roomId))))
            {
                if (await EraseLineAsync(eventId, roomId, (string)entry.Name!, (string)entry.Value!, authorId) is { } version)
                    erased.Add(new ChatErasure(roomId, (string)entry.Name!, version));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return erased;
    }

    /// <summary>Tombstones the line when it is the author's; a line that changed meanwhile (a moderator's delete) is read again.</summary>
    private async Task<long?> EraseLineAsync(string eventId, string roomId, string messageId, string stored, string authorId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var line = Read(stored);
            if (line.AuthorId != authorId)
                return null;
            var (replaced, version) = await ReplaceAsync(eventId, roomId, messageId, stored,
                line with { Text = null, Deleted = true, AuthorId = "", AuthorName = "" }, bumpVersion: true);
            if (replaced)
                return version;
            var current = await redis.Idempotent(db => db.HashGetAsync(RedisKeys.ChatLines(eventId, roomId), messageId));
            if (current.IsNull)
                return null;
            if (attempt == ReplaceAttempts)
                throw new InvalidOperationException($"Chat line {messageId} of room {roomId} kept changing during its author's erasure.");
            stored = (string)current!;
        }
    }

    private async Task<(bool Replaced, long Version)> ReplaceAsync(
        string eventId, string roomId, string messageId, string expected, ChatMessage replacement, bool bumpVersion)
    {
        // Once: compare-and-set; a second run would find its own replacement and answer "not replaced".
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisChatScripts.Replace,
            [RedisKeys.ChatMeta(eventId, roomId), RedisKeys.ChatLines(eventId, roomId)],
            [messageId, expected, RedisJson.Serialize(replacement), bumpVersion ? "1" : "0"])))!;
        return ((long)result[0] == 1, (long)result[1]);
    }

    private async Task<long> VersionAsync(string eventId, string roomId)
    {
        var version = await redis.Idempotent(db => db.HashGetAsync(RedisKeys.ChatMeta(eventId, roomId), "version"));
        return version.IsNull ? 0 : long.Parse((string)version!, CultureInfo.InvariantCulture);
    }

    private static ChatMessage Read(string json) =>
        RedisJson.Deserialize<ChatMessage>(json) ?? throw new InvalidOperationException("A chat line in Redis is empty.");
}

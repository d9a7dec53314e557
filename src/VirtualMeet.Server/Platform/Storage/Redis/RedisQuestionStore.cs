using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>
/// Questions of stages in Redis (layout in <see cref="RedisQuestionScripts"/>); every change runs as one script. Voter
/// sets hold pseudonyms (<see cref="Pseudonyms"/>), never attendee ids.
/// </summary>
internal sealed class RedisQuestionStore(RedisStoreDatabase redis, Pseudonyms pseudonyms) : IQuestionStore
{
    public async Task<StoredQuestion?> AskAsync(string eventId, string sessionId, QuestionDraft draft, int maxQuestions, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        // Once: a second run would ask the question twice under another sequence number.
        var added = (long)await redis.Once(db => db.ScriptEvaluateAsync(
            RedisQuestionScripts.Ask,
            [
                RedisKeys.Questions(eventId, sessionId), RedisKeys.QuestionSequence(eventId, sessionId),
                RedisKeys.Question(eventId, sessionId, id), RedisKeys.QuestionStages(eventId),
            ],
            [
                maxQuestions, id, sessionId,
                "id", id, "status", Name(draft.Status), "pinned", 0, "votes", 0, "version", 1,
                "askerId", draft.AskerId, "askerName", draft.AskerName, "anonymous", draft.Anonymous ? 1 : 0,
                "text", draft.Text, "askedAt", draft.AskedAt.ToUnixTimeMilliseconds(),
            ]));
        return added == 1
            ? new StoredQuestion(id, 1, draft.Status, false, 0, draft.AskerId, draft.AskerName, draft.Anonymous, draft.Text, draft.AskedAt)
            : null;
    }

    public async Task<StoredQuestion?> GetAsync(string eventId, string sessionId, string questionId, CancellationToken cancellationToken) =>
        Read(await redis.Idempotent(db => db.HashGetAllAsync(RedisKeys.Question(eventId, sessionId, questionId))));

    public async Task<IReadOnlyList<StoredQuestion>> ListAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        var ids = await redis.Idempotent(db => db.SortedSetRangeByRankAsync(RedisKeys.Questions(eventId, sessionId)));
        // Issued together: the multiplexer pipelines them into one round trip, one bounded call.
        var reads = await redis.Idempotent(db => Task.WhenAll(ids.Select(id => db.HashGetAllAsync(RedisKeys.Question(eventId, sessionId, (string)id!)))));
        return reads.Select(Read).OfType<StoredQuestion>().ToList();
    }

    public async Task<UpvoteResult> UpvoteAsync(string eventId, string sessionId, string questionId, string voterId, CancellationToken cancellationToken)
    {
        // Once: a vote; a second run would answer "already voted".
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisQuestionScripts.Upvote,
            [RedisKeys.Question(eventId, sessionId, questionId), RedisKeys.QuestionVoters(eventId, sessionId, questionId)],
            [pseudonyms.Of(eventId, voterId)])))!;
        var code = (long)result[0];
        if (code < 0)
            return new UpvoteResult(UpvoteStatus.NotFound, null);
        var question = Read(result.Skip(1).ToArray());
        return new UpvoteResult(code == 1 ? UpvoteStatus.Counted : UpvoteStatus.AlreadyVoted, question);
    }

    public async Task<StoredQuestion?> ModerateAsync(string eventId, string sessionId, string questionId, QuestionStatus? status, bool? pinned, CancellationToken cancellationToken)
    {
        // Once: moderation bumps the question's version.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisQuestionScripts.Moderate,
            [RedisKeys.Question(eventId, sessionId, questionId)],
            [status is { } s ? Name(s) : "", pinned is { } p ? (p ? "1" : "0") : ""])))!;
        return Read(result);
    }

    public async Task<IReadOnlyList<RemovedQuestion>> RemoveAskedByAsync(string eventId, string askerId, CancellationToken cancellationToken)
    {
        // Call by call, each bounded; the removal itself is one script per question that checks the asker again, so a
        // second run (or a retry) removes nothing twice and nobody else's question.
        var removed = new List<RemovedQuestion>();
        foreach (var stage in await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.QuestionStages(eventId))))
        {
            var sessionId = (string)stage!;
            foreach (var id in await redis.Idempotent(db => db.SortedSetRangeByRankAsync(RedisKeys.Questions(eventId, sessionId))))
            {
                var questionId = (string)id!;
                var key = RedisKeys.Question(eventId, sessionId, questionId);
                if (await redis.Idempotent(db => db.HashGetAsync(key, "askerId")) != askerId)
                    continue;
                var fields = (RedisResult[])(await redis.Idempotent(db => db.ScriptEvaluateAsync(
                    RedisQuestionScripts.RemoveAskedBy,
                    [key, RedisKeys.QuestionVoters(eventId, sessionId, questionId), RedisKeys.Questions(eventId, sessionId)],
                    [askerId, questionId])))!;
                if (Read(fields) is { } question)
                    removed.Add(new RemovedQuestion(sessionId, question));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return removed;
    }

    private static StoredQuestion? Read(HashEntry[] entries) =>
        entries.Length == 0 ? null : Read(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal));

    private static StoredQuestion? Read(RedisResult[] flat)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
            fields[(string)flat[i]!] = (string)flat[i + 1]!;
        return fields.Count == 0 ? null : Read(fields);
    }

    private static StoredQuestion Read(Dictionary<string, string> f) => new(
        f["id"],
        Long(f["version"]),
        f["status"] switch
        {
            "approved" => QuestionStatus.Approved,
            "answered" => QuestionStatus.Answered,
            "hidden" => QuestionStatus.Hidden,
            _ => QuestionStatus.Pending,
        },
        f["pinned"] == "1",
        Long(f["votes"]),
        f["askerId"],
        f["askerName"],
        f["anonymous"] == "1",
        f["text"],
        DateTimeOffset.FromUnixTimeMilliseconds(Long(f["askedAt"])));

    private static string Name(QuestionStatus status) => status switch
    {
        QuestionStatus.Approved => "approved",
        QuestionStatus.Answered => "answered",
        QuestionStatus.Hidden => "hidden",
        _ => "pending",
    };

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}

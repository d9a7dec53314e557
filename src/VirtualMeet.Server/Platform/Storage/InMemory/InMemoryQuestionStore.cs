using System.Collections.Concurrent;
using System.Globalization;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>
/// Questions per stage; one lock per stage makes ask, the one-vote rule and moderation single steps. Voters are kept
/// by pseudonym, as on Redis.
/// </summary>
internal sealed class InMemoryQuestionStore(Pseudonyms pseudonyms) : IQuestionStore, IEventScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string SessionId), Stage> _stages = new();

    public Task<StoredQuestion?> AskAsync(string eventId, string sessionId, QuestionDraft draft, int maxQuestions, CancellationToken cancellationToken)
    {
        var stage = _stages.GetOrAdd((eventId, sessionId), _ => new Stage());
        lock (stage)
        {
            if (stage.Questions.Count >= maxQuestions)
                return Task.FromResult<StoredQuestion?>(null);
            // A counter, not the count: removed questions leave gaps, and an id is never given twice.
            var id = (++stage.Sequence).ToString(CultureInfo.InvariantCulture);
            var question = new StoredQuestion(id, 1, draft.Status, false, 0, draft.AskerId, draft.AskerName, draft.Anonymous, draft.Text, draft.AskedAt);
            stage.Questions.Add(id, question);
            stage.Voters.Add(id, new HashSet<string>(StringComparer.Ordinal));
            return Task.FromResult<StoredQuestion?>(question);
        }
    }

    public Task<StoredQuestion?> GetAsync(string eventId, string sessionId, string questionId, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var stage))
            return Task.FromResult<StoredQuestion?>(null);
        lock (stage)
            return Task.FromResult(stage.Questions.GetValueOrDefault(questionId));
    }

    public Task<IReadOnlyList<StoredQuestion>> ListAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var stage))
            return Task.FromResult<IReadOnlyList<StoredQuestion>>([]);
        lock (stage)
            // By id, the asking order: a dictionary that had entries removed enumerates in no promised order.
            return Task.FromResult<IReadOnlyList<StoredQuestion>>(
                stage.Questions.Values.OrderBy(q => long.Parse(q.Id, CultureInfo.InvariantCulture)).ToList());
    }

    public Task<UpvoteResult> UpvoteAsync(string eventId, string sessionId, string questionId, string voterId, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var stage))
            return Task.FromResult(new UpvoteResult(UpvoteStatus.NotFound, null));
        lock (stage)
        {
            if (!stage.Questions.TryGetValue(questionId, out var question) || !question.IsPublic)
                return Task.FromResult(new UpvoteResult(UpvoteStatus.NotFound, null));
            if (!stage.Voters[questionId].Add(pseudonyms.Of(eventId, voterId)))
                return Task.FromResult(new UpvoteResult(UpvoteStatus.AlreadyVoted, question));
            question = question with { Votes = question.Votes + 1, Version = question.Version + 1 };
            stage.Questions[questionId] = question;
            return Task.FromResult(new UpvoteResult(UpvoteStatus.Counted, question));
        }
    }

    public Task<StoredQuestion?> ModerateAsync(string eventId, string sessionId, string questionId, QuestionStatus? status, bool? pinned, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var stage))
            return Task.FromResult<StoredQuestion?>(null);
        lock (stage)
        {
            if (!stage.Questions.TryGetValue(questionId, out var question))
                return Task.FromResult<StoredQuestion?>(null);
            question = question with
            {
                Status = status ?? question.Status,
                Pinned = pinned ?? question.Pinned,
                Version = question.Version + 1,
            };
            stage.Questions[questionId] = question;
            return Task.FromResult<StoredQuestion?>(question);
        }
    }

    public Task PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        foreach (var key in _stages.Keys.Where(k => k.EventId == eventId))
            _stages.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RemovedQuestion>> RemoveAskedByAsync(string eventId, string askerId, CancellationToken cancellationToken)
    {
        var removed = new List<RemovedQuestion>();
        foreach (var (key, stage) in _stages)
        {
            if (key.EventId != eventId)
                continue;
            lock (stage)
            {
                foreach (var question in stage.Questions.Values.Where(q => q.AskerId == askerId).ToList())
                {
                    stage.Questions.Remove(question.Id);
                    stage.Voters.Remove(question.Id);
                    removed.Add(new RemovedQuestion(key.SessionId, question));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<RemovedQuestion>>(removed);
    }

    private sealed class Stage
    {
        public long Sequence { get; set; }

        public Dictionary<string, StoredQuestion> Questions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Voters { get; } = new(StringComparer.Ordinal);
    }
}

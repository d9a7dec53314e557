using System.Collections.Concurrent;
using System.Globalization;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.Stage;

namespace VirtualMeet.Server.Platform.Storage.InMemory;

/// <summary>Questions per stage; one lock per stage makes ask, the one-vote rule and moderation single steps.</summary>
internal sealed class InMemoryQuestionStore : IQuestionStore, IEventScopedData, IAttendeeScopedData
{
    private readonly ConcurrentDictionary<(string EventId, string SessionId), Stage> _stages = new();

    public Task<StoredQuestion?> AskAsync(string eventId, string sessionId, QuestionDraft draft, int maxQuestions, CancellationToken cancellationToken)
    {
        var stage = _stages.GetOrAdd((eventId, sessionId), _ => new Stage());
        lock (stage)
        {
            if (stage.Questions.Count >= maxQuestions)
                return Task.FromResult<StoredQuestion?>(null);
            var id = (stage.Questions.Count + 1).ToString(CultureInfo.InvariantCulture);
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
            return Task.FromResult<IReadOnlyList<StoredQuestion>>(stage.Questions.Values.ToList());
    }

    public Task<UpvoteResult> UpvoteAsync(string eventId, string sessionId, string questionId, string voterId, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue((eventId, sessionId), out var stage))
            return Task.FromResult(new UpvoteResult(UpvoteStatus.NotFound, null));
        lock (stage)
        {
            if (!stage.Questions.TryGetValue(questionId, out var question) || !question.IsPublic)
                return Task.FromResult(new UpvoteResult(UpvoteStatus.NotFound, null));
            if (!stage.Voters[questionId].Add(voterId))
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

    /// <summary>The attendee's questions keep their text for the audience but lose the link to them; votes stay counted.</summary>
    public Task EraseAttendeeAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        foreach (var (key, stage) in _stages)
        {
            if (key.EventId != eventId)
                continue;
            lock (stage)
            {
                foreach (var question in stage.Questions.Values.Where(q => q.AskerId == attendeeId).ToList())
                    stage.Questions[question.Id] = question with { AskerId = "", AskerName = "", Anonymous = true };
                foreach (var voters in stage.Voters.Values)
                    voters.Remove(attendeeId);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Stage
    {
        public Dictionary<string, StoredQuestion> Questions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Voters { get; } = new(StringComparer.Ordinal);
    }
}

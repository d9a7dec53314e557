using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Q&amp;A of a stage: ask (optionally anonymous towards other attendees), one upvote per attendee, moderation and
/// the organizer's export. Upvotes are coalesced into at most one push per question per publisher tick.
/// </summary>
internal sealed partial class StageQuestions(
    IQuestionStore questions,
    IStageStore stages,
    StagePublisher publisher,
    StageNotifier notifier,
    AttendeeRateLimits limits,
    IAuditLog audit,
    IOptions<StageOptions> options,
    TimeProvider time,
    ILogger<StageQuestions> logger)
{
    public async Task<QuestionReceipt> AskAsync(StageCaller caller, string? text, bool anonymous, CancellationToken cancellationToken)
    {
        var (clean, error) = UserText.Clean(text, options.Value.MaxQuestionLength, "A question");
        if (clean is null)
            throw Refusal.InvalidArgument(error!);
        await limits.AcquireOrThrowAsync(caller.EventId, caller.UserId, RateLimitRules.Questions, cancellationToken);

        var stage = await stages.GetAsync(caller.EventId, caller.SessionId, cancellationToken);
        var status = stage?.PreModeration == true ? QuestionStatus.Pending : QuestionStatus.Approved;
        var draft = new QuestionDraft(caller.UserId, caller.Name, anonymous, clean, time.GetUtcNow(), status);
        var question = await questions.AskAsync(caller.EventId, caller.SessionId, draft, options.Value.MaxQuestionsPerStage, cancellationToken)
            ?? throw Refusal.Conflict($"This stage takes no more than {options.Value.MaxQuestionsPerStage} questions.");

        await notifier.QuestionUpdatedAsync(caller.EventId, caller.SessionId, question);
        return Receipt(question);
    }

    public async Task<QuestionReceipt> UpvoteAsync(StageCaller caller, string? questionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(questionId))
            throw Refusal.InvalidArgument("A question id is required.");
        var result = await questions.UpvoteAsync(caller.EventId, caller.SessionId, questionId, caller.UserId, cancellationToken);
        switch (result.Status)
        {
            case UpvoteStatus.NotFound:
                throw Refusal.NotFound($"There is no question '{questionId}' open to votes here.");
            case UpvoteStatus.AlreadyVoted:
                throw Refusal.AlreadyVoted($"You upvoted question '{questionId}' already.");
        }

        publisher.MarkQuestion(caller.EventId, caller.SessionId, questionId);
        return Receipt(result.Question!);
    }

    public async Task<QuestionView> ModerateAsync(StageCaller caller, string? questionId, QuestionAction action, CancellationToken cancellationToken)
    {
        caller.RequireModerator();
        if (string.IsNullOrEmpty(questionId))
            throw Refusal.InvalidArgument("A question id is required.");
        (QuestionStatus? status, bool? pinned) change = action switch
        {
            QuestionAction.Approve => (QuestionStatus.Approved, null),
            QuestionAction.Answer => (QuestionStatus.Answered, null),
            QuestionAction.Hide => (QuestionStatus.Hidden, false),
            QuestionAction.Pin => (null, true),
            QuestionAction.Unpin => (null, false),
            _ => throw Refusal.InvalidArgument("action is approve, answer, hide, pin or unpin."),
        };

        var question = await questions.ModerateAsync(caller.EventId, caller.SessionId, questionId, change.status, change.pinned, cancellationToken)
            ?? throw Refusal.NotFound($"There is no question '{questionId}' here.");
        LogModerated(caller.EventId, caller.SessionId, questionId, action, caller.UserId);
        await audit.RecordAsync(caller.EventId, caller.Actor, AuditActions.QuestionModerate, $"{caller.SessionId}/{questionId}", $"action={action}", cancellationToken);
        await notifier.QuestionUpdatedAsync(caller.EventId, caller.SessionId, question);
        return StageViews.Question(caller.SessionId, question, seesAll: true);
    }

    /// <summary>
    /// Every question for the organizer's records, ranked, hidden ones included. Anonymous askers stay masked:
    /// an export file travels further than the moderators' screen.
    /// </summary>
    public async Task<IReadOnlyList<QuestionView>> ExportAsync(string eventId, string sessionId, CancellationToken cancellationToken) =>
        StageViews.Ranked(await questions.ListAsync(eventId, sessionId, cancellationToken))
            .Select(q => StageViews.Question(sessionId, q, seesAll: true) is var view && q.Anonymous
                ? view with { AskerId = null, AskerName = null }
                : view)
            .ToList();

    private static QuestionReceipt Receipt(StoredQuestion question) => new(question.Id, question.Status, question.Votes, question.Version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Question {QuestionId} on stage {SessionId} of event {EventId}: {Action} by {ModeratorId}")]
    private partial void LogModerated(string eventId, string sessionId, string questionId, QuestionAction action, string moderatorId);
}

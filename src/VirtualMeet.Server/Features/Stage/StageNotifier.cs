using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Stage;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// Every push of the stage goes through here, so who gets which view of a question is decided in one place:
/// moderators everything, the asker their own question, the rest of the audience public questions with anonymous
/// askers masked (and hidden questions as text-less notices to remove them).
/// </summary>
internal sealed class StageNotifier(IHubContext<StageHub, IStageClient> hub)
{
    public Task StageUpdatedAsync(string eventId, StageView stage) =>
        hub.Clients.Groups(StageGroups.Everyone(eventId, stage.SessionId)).StageUpdated(stage);

    public Task ViewerCountAsync(string eventId, ViewerCountUpdate update) =>
        hub.Clients.Groups(StageGroups.Everyone(eventId, update.SessionId)).ViewerCount(update);

    public Task ReactionsAsync(string eventId, ReactionsUpdate update) =>
        hub.Clients.Groups(StageGroups.Everyone(eventId, update.SessionId)).Reactions(update);

    public Task ChatReceivedAsync(string eventId, StageChatMessage message) =>
        hub.Clients.Groups(StageGroups.Everyone(eventId, message.SessionId)).ChatReceived(message);

    public Task ChatDeletedAsync(string eventId, StageChatDeleted deleted) =>
        hub.Clients.Groups(StageGroups.Everyone(eventId, deleted.SessionId)).ChatDeleted(deleted);

    public async Task QuestionUpdatedAsync(string eventId, string sessionId, StoredQuestion question)
    {
        var pushes = new List<Task>
        {
            hub.Clients.Group(StageGroups.Moderators(eventId, sessionId)).QuestionUpdated(StageViews.Question(sessionId, question, seesAll: true)),
        };
        // A pending question stays between its asker and the moderators; a hidden one is announced without text.
        if (question.Status != QuestionStatus.Pending)
            pushes.Add(hub.Clients.Group(StageGroups.Audience(eventId, sessionId)).QuestionUpdated(StageViews.Question(sessionId, question, seesAll: false)));
        if (question.AskerId.Length > 0)
            pushes.Add(hub.Clients.User(question.AskerId).QuestionUpdated(StageViews.Question(sessionId, question, seesAll: true)));
        await Task.WhenAll(pushes);
    }

    /// <summary>
    /// A question that no longer exists (its asker was erased): everyone on the stage, moderators included, gets it
    /// as a hidden notice without text or asker, newer than anything pushed of it, which clients remove.
    /// </summary>
    public Task QuestionRemovedAsync(string eventId, string sessionId, StoredQuestion question)
    {
        var notice = new QuestionView(question.Id, sessionId, question.Version + 1, QuestionStatus.Hidden, false, question.Votes,
            Anonymous: true, AskerId: null, AskerName: null, Text: null, question.AskedAt);
        return hub.Clients.Groups(StageGroups.Everyone(eventId, sessionId)).QuestionUpdated(notice);
    }
}

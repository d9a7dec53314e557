using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>
/// <c>/hubs/keynote</c>: the stage. Thin: resolves the stage session in the caller's event (and whether they
/// moderate it), calls a service, returns. The services throw coded hub errors; pushes come from them and from
/// <see cref="StagePublisher"/>.
/// </summary>
[Authorize]
internal sealed class StageHub(
    StageAccess access,
    StageService stage,
    StageQuestions questions,
    ChatService chat,
    StageNotifier notifier) : Hub<IStageClient>
{
    // The stages this connection joined, so a dropped connection stops counting as a viewer on all of them.
    private const string JoinedKey = "keynote:joined";

    public async Task<StageState> JoinStage(string sessionId)
    {
        var caller = await ResolveAsync(sessionId);
        return await stage.JoinAsync(caller, Context.ConnectionId, EnterGroupAsync, Context.ConnectionAborted);

        async Task EnterGroupAsync(string group)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
            Joined()[(caller.EventId, sessionId)] = group;
        }
    }

    public async Task LeaveStage(string sessionId)
    {
        var caller = await ResolveAsync(sessionId);
        if (Joined().Remove((caller.EventId, sessionId), out var group))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        await stage.LeaveAsync(caller.EventId, sessionId, Context.ConnectionId, Context.ConnectionAborted);
    }

    public async Task React(string sessionId, string reaction) =>
        await stage.ReactAsync(await ResolveAsync(sessionId), reaction, Context.ConnectionAborted);

    public async Task<ChatMessage> SendChat(string sessionId, string text)
    {
        var caller = await ResolveAsync(sessionId);
        var author = new ChatAuthor(caller.UserId, caller.Name, caller.Role);
        var message = await chat.PostAsync(caller.EventId, StageGroups.Room(sessionId), author, text, Context.ConnectionAborted);
        await notifier.ChatReceivedAsync(caller.EventId, new StageChatMessage(sessionId, message));
        return message;
    }

    public async Task<QuestionReceipt> AskQuestion(string sessionId, string text) =>
        await questions.AskAsync(await ResolveAsync(sessionId), text, anonymous: false, Context.ConnectionAborted);

    /// <summary>Like <see cref="AskQuestion"/>, with the asker's name hidden from other attendees (not from moderators).</summary>
    public async Task<QuestionReceipt> AskAnonymousQuestion(string sessionId, string text) =>
        await questions.AskAsync(await ResolveAsync(sessionId), text, anonymous: true, Context.ConnectionAborted);

    public async Task<QuestionReceipt> UpvoteQuestion(string sessionId, string questionId) =>
        await questions.UpvoteAsync(await ResolveAsync(sessionId), questionId, Context.ConnectionAborted);

    public async Task<StageView> SetStage(string sessionId, StageUpdate update) =>
        await stage.SetAsync(await ResolveAsync(sessionId), update, Context.ConnectionAborted);

    public async Task<QuestionView> ModerateQuestion(string sessionId, string questionId, QuestionAction action) =>
        await questions.ModerateAsync(await ResolveAsync(sessionId), questionId, action, Context.ConnectionAborted);

    public async Task DeleteChat(string sessionId, string messageId)
    {
        var caller = await ResolveAsync(sessionId);
        caller.RequireModerator();
        var notice = await chat.DeleteAsync(caller.EventId, StageGroups.Room(sessionId), messageId, caller.Actor, Context.ConnectionAborted);
        if (notice is not null)
            await notifier.ChatDeletedAsync(caller.EventId, new StageChatDeleted(sessionId, notice.MessageId, notice.Version));
    }

    /// <summary>Mutes an attendee in the stage's chat for <paramref name="minutes"/> (0 lifts it); returns when it ends.</summary>
    public async Task<DateTimeOffset> MuteChat(string sessionId, string attendeeId, int minutes)
    {
        var caller = await ResolveAsync(sessionId);
        caller.RequireModerator();
        return await chat.MuteAsync(caller.EventId, StageGroups.Room(sessionId), attendeeId, minutes, caller.Actor, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (eventId, sessionId) in Joined().Keys)
            await stage.LeaveAsync(eventId, sessionId, Context.ConnectionId, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    private Task<StageCaller> ResolveAsync(string sessionId) => access.ResolveAsync(Context.User!, sessionId, Context.ConnectionAborted);

    private Dictionary<(string EventId, string SessionId), string> Joined()
    {
        // Hub calls of one connection run one at a time, so a plain dictionary suffices.
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is Dictionary<(string, string), string> joined)
            return joined;
        var created = new Dictionary<(string EventId, string SessionId), string>();
        Context.Items[JoinedKey] = created;
        return created;
    }
}

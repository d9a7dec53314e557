using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Chat;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// <c>/hubs/breakouts</c>: join breakout rooms, talk, raise hands, relay WebRTC signals; moderators announce,
/// close, move and remove. Thin: resolves the caller and the session, calls the services. The connection's
/// current breakout is kept in its items so a drop can hold the seat for the grace period.
/// </summary>
[Authorize]
internal sealed class BreakoutsHub(
    BreakoutAccess access,
    BreakoutService breakouts,
    BreakoutModeration moderation,
    IPresenceStore presence) : Hub<IBreakoutsClient>
{
    private const string CurrentRoom = "breakouts:room";

    public async Task<BreakoutRoomState> JoinBreakout(string sessionId)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        var state = await breakouts.JoinAsync(caller, room, Context.ConnectionId, Current, Context.ConnectionAborted);
        Context.Items[CurrentRoom] = room;
        return state;
    }

    public async Task LeaveBreakout(string sessionId)
    {
        var (_, room) = await ResolveAsync(sessionId);
        if (Current?.SessionId == room.SessionId && Current.EventId == room.EventId)
            Context.Items.Remove(CurrentRoom);
        await breakouts.LeaveAsync(room, Context.ConnectionId, Context.ConnectionAborted);
    }

    public async Task<ChatMessage> SendChat(string sessionId, string text)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        return await breakouts.SendChatAsync(caller, room, text, Context.ConnectionAborted);
    }

    public async Task RaiseHand(string sessionId)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        await breakouts.SetHandAsync(caller, room, raised: true, Context.ConnectionAborted);
    }

    public async Task LowerHand(string sessionId)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        await breakouts.SetHandAsync(caller, room, raised: false, Context.ConnectionAborted);
    }

    public async Task Signal(string sessionId, string toParticipantId, JsonElement payload)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        await breakouts.SignalAsync(caller, room, toParticipantId, payload, Context.ConnectionAborted);
    }

    /// <summary>Moderator: a message to every breakout of the event.</summary>
    public async Task<Announcement> Announce(string eventId, string text)
    {
        var caller = BreakoutCaller.From(Context.User!);
        var definition = await access.ModeratedEventAsync(caller, eventId, Context.ConnectionAborted);
        return await moderation.AnnounceAsync(caller, definition.Id, text, Context.ConnectionAborted);
    }

    /// <summary>Moderator: every breakout of the event closes after the countdown.</summary>
    public async Task<BreakoutsClosing> CloseBreakouts(string eventId, int countdownSeconds)
    {
        var caller = BreakoutCaller.From(Context.User!);
        var definition = await access.ModeratedEventAsync(caller, eventId, Context.ConnectionAborted);
        return await moderation.CloseAsync(caller, definition.Id, countdownSeconds, Context.ConnectionAborted);
    }

    /// <summary>Moderator: frees the participant's seat in their breakout and tells them to join another.</summary>
    public async Task MoveParticipant(string participantId, string toSessionId)
    {
        var (caller, to) = await ResolveAsync(toSessionId);
        if (string.IsNullOrWhiteSpace(participantId))
            throw Refusal.InvalidArgument("Name the participant to move.");
        var fromRoom = await presence.GetRoomInScopeAsync(to.EventId, BreakoutGroups.Scope, participantId, Context.ConnectionAborted);
        var from = fromRoom is null ? null : to.Event.Sessions.FirstOrDefault(s => BreakoutGroups.Presence(to.EventId, s.Id).RoomId == fromRoom);
        if (from is null)
        {
            // Checked before saying whether someone sits anywhere: non-moderators learn nothing.
            if (!caller.Moderates(to.Session))
                throw Refusal.Forbidden("Only moderators of both breakouts and organizers move participants.");
            throw Refusal.NotFound($"Participant '{participantId}' is in no breakout.");
        }

        await moderation.MoveAsync(caller, new BreakoutSession(to.Event, from), to, participantId, Context.ConnectionAborted);
    }

    /// <summary>Moderator: removes the participant from the breakout.</summary>
    public async Task RemoveParticipant(string sessionId, string participantId)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        if (string.IsNullOrWhiteSpace(participantId))
            throw Refusal.InvalidArgument("Name the participant to remove.");
        await moderation.MoveAsync(caller, room, null, participantId, Context.ConnectionAborted);
    }

    /// <summary>Moderator: sets (or with an empty url removes) the breakout's external video link.</summary>
    public async Task SetVideoLink(string sessionId, string? url)
    {
        var (caller, room) = await ResolveAsync(sessionId);
        await moderation.SetVideoUrlAsync(caller, room, url, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Current is { } room)
            await breakouts.DisconnectedAsync(room, Context.ConnectionId, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    private BreakoutSession? Current => Context.Items.TryGetValue(CurrentRoom, out var room) ? room as BreakoutSession : null;

    private async Task<(BreakoutCaller Caller, BreakoutSession Room)> ResolveAsync(string sessionId)
    {
        var caller = BreakoutCaller.From(Context.User!);
        return (caller, await access.SessionAsync(caller, sessionId, Context.ConnectionAborted));
    }
}

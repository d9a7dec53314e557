using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// <c>/hubs/bar</c>: the Vernetz-BARs (enter, sit down, stand up, chat and WebRTC signaling at one's table) and the
/// user-targeted matchmaking notifications. Thin: checks the caller, calls <see cref="BarsService"/>. Seats belong to
/// the attendee of the token's event; the table a call is about is always the caller's own.
/// </summary>
[Authorize]
internal sealed class BarsHub(BarsService bars) : Hub<IBarsClient>
{
    /// <summary>Every bar with its tables and who sits there; from now on the caller hears <c>TableChanged</c>.</summary>
    public Task<BarsSnapshot> EnterBars(string eventId)
    {
        if (!Context.User!.Organizes(eventId) && !Context.User!.BelongsTo(eventId))
            throw Refusal.NotThisEvent(eventId);

        var attendeeId = Context.User!.BelongsTo(eventId) ? Context.User!.UserId() : null;
        var language = Context.User!.FindFirstValue(VirtualMeetClaims.Language) ?? "de";
        var callerId = Context.User!.UserId() ?? throw Refusal.Forbidden("This token names nobody.");
        return bars.EnterAsync(eventId, callerId, attendeeId, language, Context.ConnectionId, Context.ConnectionAborted);
    }

    /// <summary>Sits down at a table (leaving any other table in the bars); <c>room_full</c> when no seat is left.</summary>
    public Task<JoinedTable> JoinTable(string barId, string tableId) =>
        bars.JoinAsync(Caller(), barId, tableId, Context.ConnectionAborted);

    /// <summary>"Find me a table": a public table with room, preferring company over an empty table.</summary>
    public Task<JoinedTable> FindTable(string eventId) =>
        Context.User!.BelongsTo(eventId)
            ? bars.FindTableAsync(Caller(), Context.ConnectionAborted)
            : throw Refusal.NotThisEvent(eventId);

    public Task LeaveTable() => bars.LeaveAsync(Caller(), Context.ConnectionAborted);

    /// <summary>A chat line to the caller's table.</summary>
    public Task<TableChatMessage> SendChat(string text) => bars.SendChatAsync(Caller(), text, Context.ConnectionAborted);

    /// <summary>Relays an offer, answer or candidate to someone at the caller's table.</summary>
    public Task Signal(string toParticipantId, JsonElement payload) =>
        bars.SignalAsync(Caller(), toParticipantId, payload, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (BarCaller.From(Context.User!, Context.ConnectionId) is { } caller)
            await bars.DisconnectAsync(caller, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    private BarCaller Caller() =>
        BarCaller.From(Context.User!, Context.ConnectionId)
        ?? throw Refusal.Forbidden("Only participants of an event sit at its tables; this token belongs to no event.");
}

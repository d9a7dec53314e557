using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>What moderators and organizers do to breakouts. Callers are checked here, before anything changes.</summary>
internal sealed partial class BreakoutModeration(
    IPresenceStore presence,
    ClusterNode node,
    IBreakoutStore store,
    BreakoutService breakouts,
    BreakoutCloseScheduler closing,
    IHubContext<BreakoutsHub, IBreakoutsClient> hub,
    IOptions<BreakoutsOptions> options,
    IAuditLog audit,
    TimeProvider time,
    ILogger<BreakoutModeration> logger)
{
    public async Task<Announcement> AnnounceAsync(BreakoutCaller caller, string eventId, string? text, CancellationToken cancellationToken)
    {
        var clean = UserText.Require(text, options.Value.MaxAnnouncementLength, "An announcement");

        var announcement = new Announcement(eventId, clean, caller.Name, time.GetUtcNow());
        await hub.Clients.Group(BreakoutGroups.Event(eventId)).Announcement(announcement);
        await audit.RecordAsync(eventId, caller.Actor, AuditActions.BreakoutsAnnounce, eventId, null, cancellationToken);
        return announcement;
    }

    public async Task<BreakoutsClosing> CloseAsync(BreakoutCaller caller, string eventId, int countdownSeconds, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxCountdownSeconds;
        if (countdownSeconds < 0 || countdownSeconds > max)
            throw Refusal.InvalidArgument($"The countdown lasts 0 to {max} seconds.");

        var closesAt = time.GetUtcNow().AddSeconds(countdownSeconds);
        await store.SetClosingAsync(eventId, closesAt, cancellationToken);
        closing.Ensure(eventId, closesAt);
        LogClosing(eventId, closesAt);
        await audit.RecordAsync(eventId, caller.Actor, AuditActions.BreakoutsClose, eventId, $"countdownSeconds={countdownSeconds}", cancellationToken);
        var notice = new BreakoutsClosing(eventId, closesAt);
        await hub.Clients.Group(BreakoutGroups.Event(eventId)).BreakoutsClosing(notice);
        return notice;
    }

    /// <summary>
    /// Takes the participant out of <paramref name="from"/> and, with a <paramref name="to"/>, seats them there and tells
    /// them to join it; without one, tells them they were removed.
    /// </summary>
    public async Task MoveAsync(BreakoutCaller caller, BreakoutSession from, BreakoutSession? to, string participantId, CancellationToken cancellationToken)
    {
        if (!caller.Moderates(from.Session) || to is not null && !caller.Moderates(to.Session))
            throw Refusal.Forbidden("Only moderators of both breakouts and organizers move or remove participants.");

        var fromRoom = BreakoutGroups.Presence(from.EventId, from.SessionId);
        if (to is null)
        {
            var freed = await presence.RemoveAttendeeAsync(fromRoom, participantId, cancellationToken)
                ?? throw NotIn(from, participantId);
            await breakouts.SeatFreedAsync(freed, cancellationToken);
        }
        else
        {
            await SeatElsewhereAsync(from, to, participantId, cancellationToken);
        }

        LogMoved(from.EventId, participantId, from.SessionId, to?.SessionId);
        await audit.RecordAsync(from.EventId, caller.Actor, to is null ? AuditActions.BreakoutRemove : AuditActions.BreakoutMove, participantId,
            to is null ? $"from={from.SessionId}" : $"from={from.SessionId}; to={to.SessionId}", cancellationToken);
        await hub.Clients.User(participantId).Moved(new Moved(from.SessionId, to?.SessionId));
    }

    /// <summary>
    /// The seat in <paramref name="to"/> is taken in the same atomic step that gives up the one in <paramref name="from"/>
    /// (breakouts are one exclusive scope), and held like a dropped connection's seat until the participant joins: a
    /// full target refuses the move and changes nothing, and nobody takes the seat while they are on their way.
    /// </summary>
    private async Task SeatElsewhereAsync(BreakoutSession from, BreakoutSession to, string participantId, CancellationToken cancellationToken)
    {
        var member = (await presence.GetAsync(BreakoutGroups.Presence(from.EventId, from.SessionId), cancellationToken)).Members
            .FirstOrDefault(m => m.AttendeeId == participantId) ?? throw NotIn(from, participantId);
        var toRoom = BreakoutGroups.Presence(to.EventId, to.SessionId);
        var now = time.GetUtcNow();
        var holder = "moved:" + Guid.NewGuid().ToString("N");
        var join = new PresenceJoin(participantId, member.DisplayName, member.Role, holder, node.Id, now, to.Session.Capacity, BreakoutGroups.Scope);
        var result = await presence.JoinAsync(toRoom, join, cancellationToken);
        if (result.Status == PresenceJoinStatus.Full)
            throw Refusal.RoomFull($"Breakout '{to.SessionId}' has {result.Count} of {result.Capacity} seats taken; '{participantId}' stays in '{from.SessionId}'.");

        await presence.DisconnectAsync(toRoom, holder, now + options.Value.Grace, now, cancellationToken);
        // Moving someone into a registration-only breakout is the moderator's decision to admit them there.
        if (to.Session.RegistrationRequired)
            await store.AdmitAsync(to.EventId, to.SessionId, participantId, cancellationToken);
        if (result.Left is { } left)
            await breakouts.SeatFreedAsync(left, cancellationToken);
        if (result.Status == PresenceJoinStatus.Joined)
        {
            await hub.Clients.Group(BreakoutGroups.Room(to.EventId, to.SessionId)).ParticipantJoined(
                new ParticipantJoined(to.SessionId, new BreakoutParticipant(participantId, member.DisplayName, member.Role, false), result.Version));
        }
    }

    private static Refusal NotIn(BreakoutSession room, string participantId) =>
        Refusal.NotFound($"Participant '{participantId}' is not in breakout '{room.SessionId}'.");

    public async Task SetVideoUrlAsync(BreakoutCaller caller, BreakoutSession room, string? url, CancellationToken cancellationToken)
    {
        if (!caller.Moderates(room.Session))
            throw Refusal.Forbidden($"Only moderators of breakout '{room.SessionId}' and organizers set its video link.");
        var clean = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (clean is not null && (clean.Length > options.Value.MaxVideoUrlLength
            || !Uri.TryCreate(clean, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps))
            throw Refusal.InvalidArgument($"A video link is an https URL of at most {options.Value.MaxVideoUrlLength} characters.");
        await store.SetVideoUrlAsync(room.EventId, room.SessionId, clean, cancellationToken);
        await audit.RecordAsync(room.EventId, caller.Actor, AuditActions.BreakoutVideoLink, room.SessionId, clean is null ? "removed" : "set", cancellationToken);
        await hub.Clients.Group(BreakoutGroups.Room(room.EventId, room.SessionId)).VideoLinkChanged(new VideoLinkChanged(room.SessionId, clean));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Breakouts of event {EventId} close at {ClosesAt}")]
    private partial void LogClosing(string eventId, DateTimeOffset closesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} of event {EventId} moved from {FromSessionId} to {ToSessionId}")]
    private partial void LogMoved(string eventId, string participantId, string fromSessionId, string? toSessionId);
}

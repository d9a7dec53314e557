using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Server.Presence;
using VirtualMeet.Server.Realtime;

namespace VirtualMeet.Server.Breakouts;

/// <summary>What moderators and organizers do to breakouts. Callers are checked here, before anything changes.</summary>
internal sealed partial class BreakoutModeration(
    IPresenceStore presence,
    IBreakoutStore store,
    BreakoutService breakouts,
    BreakoutCloseScheduler closing,
    IHubContext<BreakoutsHub, IBreakoutsClient> hub,
    IOptions<BreakoutsOptions> options,
    TimeProvider time,
    ILogger<BreakoutModeration> logger)
{
    public async Task<Announcement> AnnounceAsync(BreakoutCaller caller, string eventId, string? text, CancellationToken cancellationToken)
    {
        var clean = text?.Trim();
        var max = options.Value.MaxAnnouncementLength;
        if (string.IsNullOrEmpty(clean) || clean.Length > max)
            throw HubErrors.InvalidArgument($"An announcement has 1 to {max} characters.");

        var announcement = new Announcement(eventId, clean, caller.Name, time.GetUtcNow());
        await hub.Clients.Group(BreakoutGroups.Event(eventId)).Announcement(announcement);
        return announcement;
    }

    public async Task<BreakoutsClosing> CloseAsync(string eventId, int countdownSeconds, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxCountdownSeconds;
        if (countdownSeconds < 0 || countdownSeconds > max)
            throw HubErrors.InvalidArgument($"The countdown lasts 0 to {max} seconds.");

        var closesAt = time.GetUtcNow().AddSeconds(countdownSeconds);
        await store.SetClosingAsync(eventId, closesAt, cancellationToken);
        closing.Ensure(eventId, closesAt);
        LogClosing(eventId, closesAt);
        var notice = new BreakoutsClosing(eventId, closesAt);
        await hub.Clients.Group(BreakoutGroups.Event(eventId)).BreakoutsClosing(notice);
        return notice;
    }

    /// <summary>Frees the participant's seat in <paramref name="from"/> and tells them to join <paramref name="to"/> (or that they were removed).</summary>
    public async Task MoveAsync(BreakoutCaller caller, BreakoutSession from, BreakoutSession? to, string participantId, CancellationToken cancellationToken)
    {
        if (!caller.Moderates(from.Session) || to is not null && !caller.Moderates(to.Session))
            throw HubErrors.Forbidden("Only moderators of both breakouts and organizers move or remove participants.");

        // Moving someone into a registration-only breakout is the moderator's decision to admit them there.
        if (to is { Session.RegistrationRequired: true })
            await store.AdmitAsync(to.EventId, to.SessionId, participantId, cancellationToken);

        var freed = await presence.RemoveAttendeeAsync(BreakoutGroups.Presence(from.EventId, from.SessionId), participantId, cancellationToken)
            ?? throw HubErrors.NotFound($"Participant '{participantId}' is not in breakout '{from.SessionId}'.");
        await breakouts.SeatFreedAsync(freed, cancellationToken);
        LogMoved(from.EventId, participantId, from.SessionId, to?.SessionId);
        await hub.Clients.User(participantId).Moved(new Moved(from.SessionId, to?.SessionId));
    }

    public async Task SetVideoUrlAsync(BreakoutCaller caller, BreakoutSession room, string? url, CancellationToken cancellationToken)
    {
        if (!caller.Moderates(room.Session))
            throw HubErrors.Forbidden($"Only moderators of breakout '{room.SessionId}' and organizers set its video link.");
        var clean = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (clean is not null && (clean.Length > options.Value.MaxVideoUrlLength
            || !Uri.TryCreate(clean, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps))
            throw HubErrors.InvalidArgument($"A video link is an https URL of at most {options.Value.MaxVideoUrlLength} characters.");
        await store.SetVideoUrlAsync(room.EventId, room.SessionId, clean, cancellationToken);
        await hub.Clients.Group(BreakoutGroups.Room(room.EventId, room.SessionId)).VideoLinkChanged(new VideoLinkChanged(room.SessionId, clean));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Breakouts of event {ConferenceId} close at {ClosesAt}")]
    private partial void LogClosing(string conferenceId, DateTimeOffset closesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Participant {ParticipantId} of event {ConferenceId} moved from {FromSessionId} to {ToSessionId}")]
    private partial void LogMoved(string conferenceId, string participantId, string fromSessionId, string? toSessionId);
}

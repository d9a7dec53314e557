namespace VirtualMeet.Contracts.Identity;

/// <summary>Role claim values carried in access tokens.</summary>
public static class Roles
{
    public const string Attendee = "attendee";
    public const string Speaker = "speaker";
    public const string Moderator = "moderator";
    public const string Organizer = "organizer";

    /// <summary>
    /// The holder of the shared key (<c>Auth:OrganizerKey</c>) or an organizer of the external authority: every right in
    /// every event, whatever event the token names, and the only one who manages organizer accounts.
    /// </summary>
    public const string Administrator = "administrator";

    /// <summary>A named organizer account signed in with its secret, before it chose an event (see <see cref="TeamRoles"/>).</summary>
    public const string OrganizerAccount = "organizer-account";

    /// <summary>Beside <see cref="Organizer"/> in an event token: the event's owner, who also assigns its team.</summary>
    public const string EventOwner = "event-owner";

    /// <summary>
    /// Beside <see cref="Moderator"/> in an event token: a team moderator, who moderates every session of the event
    /// (chat, questions, breakouts, polls) but neither imports, purges nor exports personal data.
    /// </summary>
    public const string EventModerator = "event-moderator";
}

/// <summary>The roles of an event's team (<c>PUT /api/events/{eventId}/team/{organizerId}</c>).</summary>
public static class TeamRoles
{
    public const string Owner = "owner";
    public const string Organizer = "organizer";
    public const string Moderator = "moderator";

    public static IReadOnlyList<string> All { get; } = [Owner, Organizer, Moderator];
}

/// <summary>Claim types in access tokens issued by the server.</summary>
public static class VirtualMeetClaims
{
    /// <summary>The attendee (or person) id; SignalR's user id, so <c>Clients.User(attendeeId)</c> reaches them.</summary>
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    /// <summary>The event the token belongs to (absent for organizer tokens, which span events).</summary>
    public const string EventId = "vm_event";
    /// <summary>Preferred content language, <c>de</c> or <c>en</c>.</summary>
    public const string Language = "vm_lang";
    /// <summary>The signed-in device the token belongs to; ending the device revokes its tokens.</summary>
    public const string Device = "vm_dev";
}

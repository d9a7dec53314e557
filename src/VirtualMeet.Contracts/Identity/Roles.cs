namespace VirtualMeet.Contracts.Identity;

/// <summary>Role claim values carried in access tokens.</summary>
public static class Roles
{
    public const string Attendee = "attendee";
    public const string Speaker = "speaker";
    public const string Moderator = "moderator";
    public const string Organizer = "organizer";
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

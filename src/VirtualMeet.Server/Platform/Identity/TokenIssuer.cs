using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VirtualMeet.Contracts.Identity;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// Issues the server's own HS256 access tokens. Attendees' and people's tokens carry ids, roles and language but no
/// name: browsers send tokens in the query string of hub requests, where proxies log them, and a name is personal
/// data (<see cref="DisplayNameClaims"/> reads it from where it is stored). An organizer token keeps a name: the
/// key's is the role word "Administrator", a named account's is the account's, and an external organizer's is already
/// in the authority's token they send.
/// </summary>
internal sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey KeyFrom(AuthOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey!)) { KeyId = "virtualmeet" };

    public string AudienceOf => options.Value.Issuer;

    /// <summary>The subject of the shared key's tokens: the administrator, as the audit log names them.</summary>
    public const string AdministratorId = "admin";

    /// <summary>The shared key's token: an administrator, of one event or spanning events.</summary>
    public IssuedToken IssueOrganizer(string? eventId = null) =>
        Issue(AdministratorId, "Administrator", eventId, language: null, [Roles.Organizer, Roles.Administrator], options.Value.OrganizerTokenLifetime);

    /// <summary>A named organizer account's token before it chose an event; an account across events organizes every event with it.</summary>
    public IssuedToken IssueOrganizerAccount(string organizerId, string name, bool acrossEvents) =>
        Issue(organizerId, name, eventId: null, language: null, acrossEvents ? [Roles.OrganizerAccount, Roles.Organizer] : [Roles.OrganizerAccount],
            options.Value.OrganizerTokenLifetime);

    /// <summary>
    /// An event's organizer token for a person this server or another issuer vouched for, with the roles of their place
    /// in the event's team; it ends no later than <paramref name="notAfter"/>.
    /// </summary>
    public IssuedToken IssueOrganizerFor(string subject, string name, string eventId, IEnumerable<string> roles, DateTimeOffset? notAfter) =>
        Issue(subject, name, eventId, language: null, roles, options.Value.OrganizerTokenLifetime, notAfter);

    /// <summary>An attendee's token; with <paramref name="deviceId"/> it ends when that device is signed out (<see cref="DeviceSessions"/>).</summary>
    public IssuedToken IssueAttendee(string eventId, string attendeeId, string language, string? deviceId = null) =>
        Issue(attendeeId, name: null, eventId, language, [Roles.Attendee], options.Value.TokenLifetime, deviceId: deviceId);

    public IssuedToken IssuePerson(string eventId, string personId, IEnumerable<string> roles, string? deviceId = null) =>
        Issue(personId, name: null, eventId, language: null, roles, options.Value.TokenLifetime, deviceId: deviceId);

    private IssuedToken Issue(
        string subject, string? name, string? eventId, string? language, IEnumerable<string> roles, TimeSpan lifetime,
        DateTimeOffset? notAfter = null, string? deviceId = null)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        if (notAfter < expires)
            expires = notAfter.Value;
        var claims = new List<Claim> { new(VirtualMeetClaims.Subject, subject) };
        if (deviceId is not null)
            claims.Add(new Claim(VirtualMeetClaims.Device, deviceId));
        if (name is not null)
            claims.Add(new Claim(VirtualMeetClaims.Name, name));
        if (eventId is not null)
            claims.Add(new Claim(VirtualMeetClaims.EventId, eventId));
        if (language is not null)
            claims.Add(new Claim(VirtualMeetClaims.Language, language));
        claims.AddRange(roles.Select(role => new Claim(VirtualMeetClaims.Role, role)));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(KeyFrom(settings), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

internal sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

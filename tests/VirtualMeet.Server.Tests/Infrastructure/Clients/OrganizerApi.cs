using System.Net;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Organizers;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Named organizers the way clients make them: accounts, sign-in, team roles, event tokens and the audit log over REST.</summary>
public static class OrganizerApi
{
    public static async Task<CreatedOrganizer> CreateOrganizerAsync(this HttpClient client, string name, bool acrossEvents = false, string? adminToken = null)
    {
        using var response = await client.SendAsync(HttpMethod.Post, "/api/organizers", adminToken ?? await client.OrganizerTokenAsync(),
            new CreateOrganizerRequest(name, AcrossEvents: acrossEvents));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<CreatedOrganizer>();
    }

    public static async Task<string> SignInAsync(this HttpClient client, CreatedOrganizer organizer)
    {
        using var response = await client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null,
            new OrganizerTokenRequest(null, OrganizerId: organizer.Account.Id, Secret: organizer.Secret));
        return (await response.ReadAsync<AccessTokenResponse>()).AccessToken;
    }

    public static async Task<HttpResponseMessage> AssignAsync(this HttpClient client, string eventId, string organizerId, string role, string? token = null) =>
        await client.SendAsync(HttpMethod.Put, $"/api/events/{eventId}/team/{organizerId}", token ?? await client.OrganizerTokenAsync(),
            new TeamAssignmentRequest(role));

    public static Task<HttpResponseMessage> RequestEventTokenAsync(this HttpClient client, string eventId, string token) =>
        client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/organizer-token", token);

    public static async Task<string> EventTokenAsync(this HttpClient client, string eventId, string token)
    {
        using var response = await client.RequestEventTokenAsync(eventId, token);
        return (await response.ReadAsync<AccessTokenResponse>()).AccessToken;
    }

    /// <summary>A new named organizer with <paramref name="role"/> in the event's team (given by the administrator), and their token of the event.</summary>
    public static async Task<(string Id, string EventToken)> TeamMemberAsync(this HttpClient client, string eventId, string role, string name)
    {
        var organizer = await client.CreateOrganizerAsync(name);
        using (var assigned = await client.AssignAsync(eventId, organizer.Account.Id, role))
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        return (organizer.Account.Id, await client.EventTokenAsync(eventId, await client.SignInAsync(organizer)));
    }

    public static async Task<AuditPage> AuditAsync(this HttpClient client, string eventId, string token, string query = "")
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/audit{query}", token);
        return await response.ReadAsync<AuditPage>();
    }
}

using System.Net.Http.Json;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Events of the admission tests and the organiser's calls on them.</summary>
internal static class AdmissionTestData
{
    /// <summary>The test event moved a month ahead of the clock, so its registration mode may still change.</summary>
    public static EventDefinition FutureEvent(RegistrationMode mode = RegistrationMode.Open)
    {
        var definition = TestEvents.Create();
        var shift = TimeProvider.System.GetUtcNow().AddDays(30) - TestEvents.Start;
        return definition with
        {
            Registration = mode,
            Sessions = definition.Sessions.Select(s => s with { StartsAt = s.StartsAt + shift, EndsAt = s.EndsAt + shift }).ToList(),
        };
    }

    public static async Task<IReadOnlyList<string>> InvitationsAsync(this HttpClient client, string eventId, int count, string organizer)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/invitations", organizer, new InvitationRequest(count));
        return (await response.ReadAsync<InvitationBatch>()).Codes;
    }

    public static async Task<HttpResponseMessage> ImportTicketsAsync(this HttpClient client, string eventId, string organizer, string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{eventId}/tickets")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType),
        };
        request.Headers.Authorization = new("Bearer", organizer);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> SignUpAsync(this HttpClient client, string eventId, string? code, string name = "Alex", string? email = null) =>
        client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/registrations", token: null,
            new AttendeeRegistrationRequest(name, Email: email, Code: code));

    public static async Task<AdmissionSummary> SummaryAsync(this HttpClient client, string eventId, string organizer)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/admission", organizer);
        return await response.ReadAsync<AdmissionSummary>();
    }

    public static async Task<T> ReadJsonAsync<T>(this HttpClient client, string path, string token)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path, token);
        return (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json, TestContext.Current.CancellationToken))!;
    }
}

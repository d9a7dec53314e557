using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>REST calls the way a client makes them, plus reading problem details.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpClient WithToken(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> OrganizerTokenAsync(this HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/organizer", new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccessTokenResponse>(Json, TestContext.Current.CancellationToken))!.AccessToken;
    }

    public static async Task ImportAsync(this HttpClient client, EventDefinition definition, string organizerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(definition, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", organizerToken);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Imports a new <see cref="TestEvents.Create"/> event with the administrator's token; returns its id.</summary>
    public static async Task<string> ImportNewEventAsync(this HttpClient client)
    {
        var definition = TestEvents.Create();
        await client.ImportAsync(definition, await client.OrganizerTokenAsync());
        return definition.Id;
    }

    public static async Task<AttendeeRegistrationResponse> RegisterAsync(this HttpClient client, string eventId, string displayName = "Alex Attendee", string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{eventId}/registrations")
        {
            Content = JsonContent.Create(new AttendeeRegistrationRequest(displayName, Language: language), options: Json),
        };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AttendeeRegistrationResponse>(Json, TestContext.Current.CancellationToken))!;
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken))!;
    }

    /// <summary>Asserts an RFC 7807 answer with the status and stable code; returns its errors (may be empty).</summary>
    public static async Task<Dictionary<string, string[]>> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
        return document.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<Dictionary<string, string[]>>(Json)!
            : [];
    }

    public static async Task<string> SpeakerTokenAsync(this HttpClient client, string eventId, string personId)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/people/{personId}/tokens", await client.OrganizerTokenAsync());
        return (await response.ReadAsync<AccessTokenResponse>()).AccessToken;
    }
}

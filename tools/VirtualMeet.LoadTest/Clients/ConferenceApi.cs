using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// The REST side of a run, used the way a client uses it: the organizer imports the event and runs the poll,
/// attendees register themselves (their token is the registration's answer). Reading results here is the truth
/// a run is checked against: the store's counts, not what any client saw.
/// </summary>
internal sealed class ConferenceApi(Deployment deployment) : IDisposable
{
    private static readonly TimeSpan UnavailableRetryBound = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { BaseAddress = deployment.Target(0), Timeout = TimeSpan.FromSeconds(60) };
    private string? _organizerToken;

    public async Task<string> OrganizerTokenAsync(string? eventId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/organizer", new { key = deployment.OrganizerKey, eventId }, cancellationToken);
        await EnsureAsync(response, "organizer sign-in");
        return (await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken))!.AccessToken;
    }

    public async Task CreateEventAsync(EventDefinition definition, CancellationToken cancellationToken)
    {
        _organizerToken ??= await OrganizerTokenAsync(eventId: null, cancellationToken);
        using var request = Authorized(HttpMethod.Post, "/api/events");
        request.Content = JsonContent.Create(definition);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "event import");
    }

    /// <summary>Registers <paramref name="count"/> attendees, <paramref name="parallelism"/> requests at a time, spread over the targets.</summary>
    public async Task<Attendee[]> RegisterAsync(string eventId, int count, int parallelism, CancellationToken cancellationToken)
    {
        var clients = deployment.Targets.Select(t => new HttpClient { BaseAddress = t, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        try
        {
            return await BoundedParallel.RunAsync(count, parallelism, async i =>
            {
                var name = $"Load {i}";
                using var response = await clients[i % clients.Length].PostAsJsonAsync($"/api/events/{eventId}/registrations",
                    new { displayName = name, language = "en" }, cancellationToken);
                await EnsureAsync(response, "registration");
                var body = (await response.Content.ReadFromJsonAsync<AttendeeRegistrationResponse>(cancellationToken))!;
                return new Attendee(body.AttendeeId, body.AccessToken, name);
            });
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    public async Task<string> CreatePollAsync(string eventId, int options, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, $"/api/events/{eventId}/polls");
        request.Content = JsonContent.Create(new CreatePollRequest(new PollText("Load?", "Load?"), PollKind.SingleChoice,
            Enumerable.Range(0, options).Select(i => new PollText($"Option {i}", $"Option {i}")).ToList()));
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "poll creation");
        return (await response.Content.ReadFromJsonAsync<PollState>(cancellationToken))!.Poll.Id;
    }

    public Task<PollState> OpenPollAsync(string eventId, string pollId, CancellationToken cancellationToken) =>
        PollActionAsync(eventId, pollId, "open", cancellationToken);

    public Task<PollState> ClosePollAsync(string eventId, string pollId, CancellationToken cancellationToken) =>
        PollActionAsync(eventId, pollId, "close", cancellationToken);

    /// <summary>The store's counts.</summary>
    public async Task<PollResultsView> PollResultsAsync(string eventId, string pollId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/events/{eventId}/polls/{pollId}/results");
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "poll results");
        return (await response.Content.ReadFromJsonAsync<PollResultsView>(cancellationToken))!;
    }

    public async Task DeleteEventAsync(string eventId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Delete, $"/api/events/{eventId}");
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "event deletion");
    }

    public void Dispose() => _http.Dispose();

    private async Task<PollState> PollActionAsync(string eventId, string pollId, string action, CancellationToken cancellationToken)
    {
        // As an organiser does it: while the store is unavailable (503, e.g. Redis restarting), retry shortly.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)UnavailableRetryBound.TotalSeconds;
        while (true)
        {
            using var request = Authorized(HttpMethod.Post, $"/api/events/{eventId}/polls/{pollId}/{action}");
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                continue;
            }

            await EnsureAsync(response, $"poll {action}");
            return (await response.Content.ReadFromJsonAsync<PollState>(cancellationToken))!;
        }
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _organizerToken
            ?? throw new InvalidOperationException("Import the event first: it signs the organizer in."));
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The {what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private sealed record TokenBody(string AccessToken);
}

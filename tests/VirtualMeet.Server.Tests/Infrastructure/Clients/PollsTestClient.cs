using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// A node's polls as tests use them: an event in its store, tokens from its own issuer (so a test can have
/// a thousand distinct attendees without a thousand sign-ups), REST calls as a moderator, hub connections.
/// </summary>
internal sealed class PollsTestClient(VirtualMeetNode node, string eventId) : EventOnNode(node, eventId)
{
    public static async Task<PollsTestClient> WithNewEventAsync(VirtualMeetNode node) =>
        new(node, await AddEventAsync(node, PollTestData.Event()));

    public PollsTestClient On(VirtualMeetNode other) => new(other, EventId);

    public string AttendeeToken(string attendeeId) =>
        Issuer.IssueAttendee(EventId, attendeeId, "en").AccessToken;

    public string ModeratorToken(string? eventId = null) =>
        Issuer.IssuePerson(eventId ?? EventId, "moderator", [Roles.Moderator]).AccessToken;

    public async Task<PollView> CreateAsync(CreatePollRequest request)
    {
        using var http = Http(ModeratorToken());
        using var response = await http.PostAsJsonAsync($"/api/events/{EventId}/polls", request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PollState>())!.Poll;
    }

    public async Task<PollState> TransitionAsync(string pollId, string action)
    {
        using var http = Http(ModeratorToken());
        using var response = await http.PostAsync($"/api/events/{EventId}/polls/{pollId}/{action}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PollState>())!;
    }

    public async Task<PollView> CreateOpenAsync(CreatePollRequest request)
    {
        var poll = await CreateAsync(request);
        await TransitionAsync(poll.Id, "open");
        return poll;
    }

    public async Task<PollResultsView> ResultsAsync(string pollId)
    {
        using var http = Http(ModeratorToken());
        return (await http.GetFromJsonAsync<PollResultsView>($"/api/events/{EventId}/polls/{pollId}/results"))!;
    }

    public Task<HubConnection> ConnectAsync(string token) => Node.ConnectAsync(HubRoutes.Polls, token);

    public static CreatePollRequest SingleChoice(int options = 4, bool anonymous = false, bool allowChange = false) => new(
        new PollText("Welche Herausforderung?", "Which challenge?"),
        PollKind.SingleChoice,
        Enumerable.Range(0, options).Select(i => new PollText($"Option {i}", $"Choice {i}")).ToList(),
        Anonymous: anonymous,
        AllowChange: allowChange);
}

/// <summary>Collects what the server pushes to one watching connection.</summary>
internal sealed class PollWatcher
{
    private readonly Lock _gate = new();
    private readonly List<PollResultsView> _results = [];
    private readonly List<PollState> _opened = [];
    private int _closedCount;
    private readonly TaskCompletionSource<PollState> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PollWatcher(HubConnection connection)
    {
        connection.On<PollState>(nameof(IPollsClient.PollOpened), state => { lock (_gate) _opened.Add(state); });
        connection.On<PollResultsView>(nameof(IPollsClient.PollResults), results => { lock (_gate) _results.Add(results); });
        connection.On<PollState>(nameof(IPollsClient.PollClosed), state =>
        {
            Interlocked.Increment(ref _closedCount);
            _closed.TrySetResult(state);
        });
        Connection = connection;
    }

    public HubConnection Connection { get; }

    public int ClosedCount => Volatile.Read(ref _closedCount);

    public Task<PollState> Closed => _closed.Task.WaitAsync(TestTimeouts.Default);

    public IReadOnlyList<PollResultsView> Results
    {
        get { lock (_gate) return [.. _results]; }
    }

    public IReadOnlyList<PollState> Opened
    {
        get { lock (_gate) return [.. _opened]; }
    }

    public Task<PollWatchSnapshot> WatchAsync(string eventId, string? sessionId = null) =>
        Connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, sessionId).WaitAsync(TestTimeouts.Default);
}

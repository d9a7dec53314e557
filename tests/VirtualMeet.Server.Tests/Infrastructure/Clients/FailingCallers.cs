using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// Callers that only ever fail: every hub method of every hub and the main REST endpoints, called with made-up
/// event, session, table, poll and participant ids (and a few malformed ones), by an attendee of a real event and
/// by an organizer. Calls run in lanes, one per connection, in parallel; each lane waits for its answer.
/// </summary>
internal sealed class FailingCallers : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private readonly List<HttpClient> _clients = [];
    private readonly List<(int Lane, Func<Task> Call)> _templates = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _unexpected = new();
    private int _lanes;

    private FailingCallers()
    {
    }

    /// <summary>Calls that succeeded or failed with a server error (the tests assert none did).</summary>
    public IReadOnlyDictionary<string, int> Unexpected => _unexpected;

    /// <summary>Callers on each of <paramref name="nodes"/>, all about the real event <paramref name="stage"/>.</summary>
    public static async Task<FailingCallers> ConnectAsync(StageTestClient stage, params VirtualMeetNode[] nodes)
    {
        var callers = new FailingCallers();
        foreach (var node in nodes)
            await callers.AddNodeAsync(stage.On(node), node);
        return callers;
    }

    /// <summary>Runs <paramref name="count"/> calls, taking the kinds of call in turn.</summary>
    public async Task RunAsync(int count)
    {
        var lanes = Enumerable.Range(0, _lanes).Select(_ => new List<Func<Task>>()).ToList();
        for (var i = 0; i < count; i++)
        {
            var (lane, call) = _templates[i % _templates.Count];
            lanes[lane].Add(call);
        }

        await Task.WhenAll(lanes.Select(async calls =>
        {
            foreach (var call in calls)
                await call();
        }));
    }

    /// <summary>Every kind of call once.</summary>
    public Task RunEachOnceAsync() => RunAsync(_templates.Count);

    /// <summary>Groups the node's own lifetime manager of <typeparamref name="THub"/> holds (SignalR's in-memory one).</summary>
    public static int GroupsIn<THub>(VirtualMeetNode node) where THub : Hub
    {
        var manager = node.GetRequiredService<InnerHubLifetimeManager<THub>>().Manager;
        var list = manager.GetType().GetField("_groups", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(manager)
            ?? throw new InvalidOperationException($"{manager.GetType().Name} keeps no '_groups'; find where it holds its groups now.");
        return ((IEnumerable)list).Cast<object>().Count();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        foreach (var client in _clients)
            client.Dispose();
    }

    private static string MadeUp() => "x" + Guid.NewGuid().ToString("N")[..15];

    private async Task AddNodeAsync(StageTestClient stage, VirtualMeetNode node)
    {
        var attendee = stage.AttendeeToken("fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        var organizer = node.GetRequiredService<TokenIssuer>().IssueOrganizer().AccessToken;
        var ballot = new Ballot([0]);
        var payload = JsonDocument.Parse("""{"sdp":"x"}""").RootElement;

        Hub(await ConnectAsync(node, HubRoutes.Polls, attendee),
            h => h.InvokeAsync<PollWatchSnapshot>("Watch", stage.EventId, MadeUp()),
            h => h.InvokeAsync<PollWatchSnapshot>("Watch", MadeUp(), null),
            h => h.InvokeAsync<VoteReceipt>("Vote", MadeUp(), ballot),
            h => h.InvokeAsync<PollWatchSnapshot>("Watch", "Not An Id!", null));
        Hub(await ConnectAsync(node, HubRoutes.Polls, organizer),
            h => h.InvokeAsync<PollWatchSnapshot>("Watch", MadeUp(), MadeUp()),
            h => h.InvokeAsync<PollWatchSnapshot>("Watch", MadeUp(), null));
        Hub(await ConnectAsync(node, HubRoutes.Stage, attendee),
            h => h.InvokeAsync<object>("JoinStage", MadeUp()),
            h => h.InvokeAsync("LeaveStage", MadeUp()),
            h => h.InvokeAsync("React", MadeUp(), "clap"),
            h => h.InvokeAsync<object>("SendChat", MadeUp(), "hello"),
            h => h.InvokeAsync<object>("AskQuestion", MadeUp(), "why?"),
            h => h.InvokeAsync<object>("AskAnonymousQuestion", MadeUp(), "why?"),
            h => h.InvokeAsync<object>("UpvoteQuestion", MadeUp(), MadeUp()),
            h => h.InvokeAsync("DeleteChat", MadeUp(), MadeUp()),
            h => h.InvokeAsync<object>("MuteChat", MadeUp(), MadeUp(), 5),
            h => h.InvokeAsync<object>("JoinStage", StageTestClient.Breakout));
        Hub(await ConnectAsync(node, HubRoutes.Breakouts, attendee),
            h => h.InvokeAsync<object>("JoinBreakout", MadeUp()),
            h => h.InvokeAsync("LeaveBreakout", MadeUp()),
            h => h.InvokeAsync<object>("SendChat", MadeUp(), "hi"),
            h => h.InvokeAsync("RaiseHand", MadeUp()),
            h => h.InvokeAsync("LowerHand", MadeUp()),
            h => h.InvokeAsync("Signal", MadeUp(), MadeUp(), payload),
            h => h.InvokeAsync<object>("Announce", MadeUp(), "listen"),
            h => h.InvokeAsync<object>("CloseBreakouts", MadeUp(), 30),
            h => h.InvokeAsync("MoveParticipant", MadeUp(), MadeUp()),
            h => h.InvokeAsync("RemoveParticipant", MadeUp(), MadeUp()),
            h => h.InvokeAsync("SetVideoLink", MadeUp(), "https://example.org/v"),
            h => h.InvokeAsync<object>("JoinBreakout", StageTestClient.MainStage));
        Hub(await ConnectAsync(node, HubRoutes.Breakouts, organizer),
            h => h.InvokeAsync<object>("JoinBreakout", MadeUp()),
            h => h.InvokeAsync<object>("Announce", MadeUp(), "listen"));
        Hub(await ConnectAsync(node, HubRoutes.Bars, attendee),
            h => h.InvokeAsync<object>("EnterBars", MadeUp()),
            h => h.InvokeAsync<object>("JoinTable", MadeUp(), MadeUp()),
            h => h.InvokeAsync<object>("FindTable", MadeUp()),
            h => h.InvokeAsync<object>("SendChat", "anyone here?"),
            h => h.InvokeAsync("Signal", MadeUp(), payload));
        Hub(await ConnectAsync(node, HubRoutes.Bars, organizer),
            h => h.InvokeAsync<object>("EnterBars", MadeUp()));
        Hub(await ConnectAsync(node, HubRoutes.Notifications, organizer),
            h => h.InvokeAsync<object>("GetRegistrations"));

        var http = node.CreateClient();
        _clients.Add(http);
        Rest(http,
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/events/{MadeUp()}"),
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/events/{MadeUp()}/availability"),
            () => new HttpRequestMessage(HttpMethod.Post, $"/api/events/{MadeUp()}/registrations")
            {
                Content = JsonContent.Create(new AttendeeRegistrationRequest("Mallory"), options: ApiClient.Json),
            },
            () => Authorized(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{stage.EventId}/polls/{MadeUp()}"), attendee),
            () => Authorized(new HttpRequestMessage(HttpMethod.Post, $"/api/events/{stage.EventId}/sessions/{MadeUp()}/registrations"), attendee),
            () => Authorized(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{MadeUp()}/matchmaking/suggestions"), attendee),
            () => Authorized(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{MadeUp()}/polls"), organizer),
            () => Authorized(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{MadeUp()}/sessions/{MadeUp()}/questions"), organizer),
            () => new HttpRequestMessage(HttpMethod.Get, "/api/events/Not An Id!"));
    }

    private async Task<HubConnection> ConnectAsync(VirtualMeetNode node, string route, string token)
    {
        var connection = await node.ConnectAsync(route, token);
        _connections.Add(connection);
        return connection;
    }

    private void Hub(HubConnection connection, params Func<HubConnection, Task>[] calls)
    {
        var lane = _lanes++;
        foreach (var (call, index) in calls.Select((c, i) => (c, i)))
            _templates.Add((lane, async () =>
            {
                try
                {
                    await call(connection).WaitAsync(TestTimeouts.Default);
                    _unexpected.AddOrUpdate($"{connection.ConnectionId}: call {index}", 1, (_, n) => n + 1);
                }
                catch (HubException)
                {
                }
            }));
    }

    private void Rest(HttpClient http, params Func<HttpRequestMessage>[] requests)
    {
        var lane = _lanes++;
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
            _templates.Add((lane, async () =>
            {
                using var message = request();
                using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode >= HttpStatusCode.InternalServerError)
                    _unexpected.AddOrUpdate($"request {index} ({message.Method}): {(int)response.StatusCode}", 1, (_, n) => n + 1);
            }));
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage message, string token)
    {
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return message;
    }
}

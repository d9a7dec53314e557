using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Breakouts;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Protocols;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Two nodes on one Redis. On node B one attendee holds two connections, one in JSON and one in MessagePack; everything
/// that causes a push happens on node A. Each test drives every method of one client interface and asserts that both
/// connections received each of them with equal payloads (and equal answers to their own calls).
/// </summary>
public sealed class HubProtocolParityTests(TwoNodesOnRedisWithFastNodeTimeout cluster) : IClassFixture<TwoNodesOnRedisWithFastNodeTimeout>
{
    [Fact]
    public async Task EveryStagePushReachesJsonAndMessagePackClientsOnTheOtherNodeAlike()
    {
        var onA = await StageTestClient.WithNewEventAsync(cluster.A);
        await using var pair = await ProtocolPair<IStageClient>.ConnectAsync(cluster.B, HubRoutes.Stage, onA.AttendeeToken("pair"));
        // Answers differ by design here: the snapshot carries the server time of each join.
        await pair.CallBothAsync<StageState>("JoinStage", StageTestClient.MainStage);

        await using var host = await onA.JoinAsync(onA.HostToken());
        await using var fan = await onA.JoinAsync(onA.AttendeeToken("fan"));
        await fan.Connection.Call("React", StageTestClient.MainStage, "applause");
        var line = await fan.Connection.SendChat("Hallo Bühne");
        await host.Connection.Call("DeleteChat", StageTestClient.MainStage, line.Id);
        await fan.Connection.Call<QuestionReceipt>("AskQuestion", StageTestClient.MainStage, "Wann gibt es Kaffee?");
        await host.Connection.Call<StageView>("SetStage", StageTestClient.MainStage, new StageUpdate(
            StageStatus.Live, [new StreamSource("de", "https://stream.example/de.m3u8", "hls")], "Dr. Erika Muster"));

        await pair.ReceivedEveryPushAlikeAsync();
    }

    [Fact]
    public async Task EveryPollPushReachesJsonAndMessagePackClientsOnTheOtherNodeAlike()
    {
        var onA = await PollsTestClient.WithNewEventAsync(cluster.A);
        await using var pair = await ProtocolPair<IPollsClient>.ConnectAsync(cluster.B, HubRoutes.Polls, onA.AttendeeToken("pair"));
        await pair.CallBothAlikeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, onA.EventId, null);

        var poll = await onA.CreateOpenAsync(PollsTestClient.SingleChoice());
        await using var voter = await onA.ConnectAsync(onA.AttendeeToken("voter"));
        await voter.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([1]), TestContext.Current.CancellationToken);
        // One ballot per attendee: the MessagePack tab votes, proving a record argument arrives in that protocol too.
        await pair.MessagePack.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, poll.Id, new Ballot([2]), TestContext.Current.CancellationToken);
        // Results pushed after a close are folded into PollClosed: let the coalesced push go out first.
        await pair.ReceivedAlikeAsync(nameof(IPollsClient.PollOpened), nameof(IPollsClient.PollResults));
        await onA.TransitionAsync(poll.Id, "close");

        await pair.ReceivedEveryPushAlikeAsync();
    }

    [Fact]
    public async Task EveryBreakoutPushReachesJsonAndMessagePackClientsOnTheOtherNodeAlike()
    {
        var onA = await BreakoutsTestWorld.CreateAsync(cluster.A);
        await using var pair = await ProtocolPair<IBreakoutsClient>.ConnectAsync(cluster.B, HubRoutes.Breakouts, onA.Attendee("pair"));
        await pair.CallBothAsync<BreakoutRoomState>("JoinBreakout", onA.RoomA);

        await using var host = await onA.ConnectAsync(onA.Moderator("host"));
        await using var anna = await onA.ConnectAsync(onA.Attendee("anna"));
        await host.JoinAsync(onA.RoomA);
        await anna.JoinAsync(onA.RoomA);
        await anna.InvokeAsync("SendChat", onA.RoomA, "Hallo Raum");
        await anna.InvokeAsync("RaiseHand", onA.RoomA);
        await anna.InvokeAsync("Signal", onA.RoomA, "pair", new { type = "offer", sdp = "v=0" });
        await host.InvokeAsync("SetVideoLink", onA.RoomA, "https://jitsi.example/room-a");
        await host.InvokeAsync("Announce", onA.EventId, "Noch fünf Minuten");
        await anna.InvokeAsync("LeaveBreakout", onA.RoomA);
        // Anna's erasure turns her line into a tombstone: ChatDeleted.
        await EraseAsync(onA, onA.Attendee("anna"));
        await host.InvokeAsync("MoveParticipant", "pair", onA.RoomB);
        // As a page does on Moved: join the room it was moved to, which keeps it among the event's breakouts.
        await pair.CallBothAsync<BreakoutRoomState>("JoinBreakout", onA.RoomB);
        await host.InvokeAsync("CloseBreakouts", onA.EventId, 1);

        await pair.ReceivedEveryPushAlikeAsync();
    }

    [Fact]
    public async Task EveryBarAndMeetingPushReachesJsonAndMessagePackClientsOnTheOtherNodeAlike()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        await MatchmakingRequests.SaveProfileAsync(onA, "anna");
        await MatchmakingRequests.SaveProfileAsync(onA, "pair");
        await using var pair = await ProtocolPair<IBarsClient>.ConnectAsync(cluster.B, HubRoutes.Bars, onA.Token("pair"));
        await pair.CallBothAlikeAsync<BarsSnapshot>(BarsHubMethods.EnterBars, onA.EventId);
        // One seat per attendee: the JSON tab sits down, and pushes to the table's members reach both tabs.
        await pair.Json.InvokeAsync<JoinedTable>(BarsHubMethods.JoinTable, "lounge", "l1", TestContext.Current.CancellationToken);

        await using var anna = await onA.ConnectAsync("anna");
        await anna.JoinAsync("lounge", "l1");
        await anna.ChatAsync("Prost");
        await anna.SignalAsync("pair", new { type = "candidate", candidate = "a=1" });
        await anna.LeaveAsync();
        var meeting = await MatchmakingRequests.RequestAsync(onA, "anna", "pair", MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1), HttpStatusCode.Created);
        await MatchmakingRequests.PostAsync(onA, "pair", $"meetings/{meeting!.Id}/accept", HttpStatusCode.OK);
        // Anna's erasure: her table line becomes a tombstone (ChatDeleted) and the meeting is cancelled.
        await EraseAsync(onA, onA.Token("anna"));

        await pair.ReceivedEveryPushAlikeAsync();
    }

    private static async Task EraseAsync(EventOnNode world, string token)
    {
        using var http = world.Http(token);
        using var erased = await http.SendAsync(HttpMethod.Delete, $"/api/events/{world.EventId}/registrations/me", token);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
    }

    [Fact]
    public async Task ARegistrationNotificationReachesJsonAndMessagePackClientsOnTheOtherNodeAlike()
    {
        using var api = cluster.A.CreateClient();
        var definition = TestEvents.Create(workshopCapacity: 1);
        await api.ImportAsync(definition, await api.OrganizerTokenAsync());
        var path = $"/api/events/{definition.Id}/sessions/workshop/registrations";
        var holder = await api.RegisterAsync(definition.Id);
        var waiting = await api.RegisterAsync(definition.Id);
        (await api.SendAsync(HttpMethod.Post, path, holder.AccessToken)).Dispose();
        (await api.SendAsync(HttpMethod.Post, path, waiting.AccessToken)).Dispose();
        await using var pair = await ProtocolPair<INotificationsClient>.ConnectAsync(cluster.B, HubRoutes.Notifications, waiting.AccessToken);
        await pair.CallBothAlikeAsync<List<SessionRegistrationEntry>>("GetRegistrations");

        (await api.SendAsync(HttpMethod.Delete, path, holder.AccessToken)).Dispose();

        await pair.ReceivedEveryPushAlikeAsync();
    }

    /// <summary>
    /// One attendee's two connections to a hub, in JSON and in MessagePack, recording the newest payload of every
    /// method of <typeparamref name="TClient"/>. Payloads are compared as the JSON of what each client deserialised.
    /// </summary>
    private sealed class ProtocolPair<TClient> : IAsyncDisposable
    {
        private static readonly JsonSerializerOptions Canonical = JsonSerializerOptions.Web;
        private static readonly string[] Methods = [.. typeof(TClient).GetMethods().Select(m => m.Name)];
        private readonly ConcurrentDictionary<string, string> _json = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _messagePack = new(StringComparer.Ordinal);

        private ProtocolPair(HubConnection json, HubConnection messagePack)
        {
            Json = json;
            MessagePack = messagePack;
        }

        public HubConnection Json { get; }

        public HubConnection MessagePack { get; }

        public static async Task<ProtocolPair<TClient>> ConnectAsync(VirtualMeetNode node, string route, string token)
        {
            var pair = new ProtocolPair<TClient>(
                TestHubConnection.Create(node.HubUrl(route), token),
                TestHubConnection.Create(node.HubUrl(route), token, configure: UseMessagePack));
            Record(pair.Json, pair._json);
            Record(pair.MessagePack, pair._messagePack);
            await Task.WhenAll(pair.Json.StartAsync(), pair.MessagePack.StartAsync()).WaitAsync(TestTimeouts.Default);
            return pair;
        }

        /// <summary>MessagePack as a .NET client speaks it to us: with the payload options shaped like JSON.</summary>
        private static void UseMessagePack(IHubConnectionBuilder builder) => builder
            .AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedMessagePack.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        /// <summary>Calls <paramref name="method"/> on both connections; their answers must be equal.</summary>
        public async Task CallBothAlikeAsync<T>(string method, params object?[] args)
        {
            var (json, messagePack) = await CallBothAsync<T>(method, args);
            Assert.Equal(JsonSerializer.Serialize(json, Canonical), JsonSerializer.Serialize(messagePack, Canonical));
        }

        /// <summary>Calls <paramref name="method"/> on both connections, for answers that differ by design (versions).</summary>
        public async Task<(T Json, T MessagePack)> CallBothAsync<T>(string method, params object?[] args) =>
            (await Json.InvokeCoreAsync<T>(method, args).WaitAsync(TestTimeouts.Default),
             await MessagePack.InvokeCoreAsync<T>(method, args).WaitAsync(TestTimeouts.Default));

        /// <summary>Waits until both connections received every method, the newest payload of each being equal.</summary>
        public Task ReceivedEveryPushAlikeAsync() => ReceivedAlikeAsync(Methods);

        /// <summary>Waits until both connections received each of <paramref name="methods"/>, the newest payloads equal.</summary>
        public async Task ReceivedAlikeAsync(params string[] methods) =>
            await Eventually.UntilAsync(
                () => Task.FromResult(Differences(methods)),
                differences => differences.Length == 0,
                TestTimeouts.Default,
                $"both protocols receive {string.Join(", ", methods)} of {typeof(TClient).Name} with equal payloads");

        public async ValueTask DisposeAsync()
        {
            await Json.DisposeAsync();
            await MessagePack.DisposeAsync();
        }

        private string Differences(string[] methods) => string.Join("; ", methods
            .Select(m => (Method: m, Json: _json.GetValueOrDefault(m), MessagePack: _messagePack.GetValueOrDefault(m)))
            .Where(p => p.Json is null || p.Json != p.MessagePack)
            .Select(p => $"{p.Method}: json {p.Json ?? "(none)"} / msgpack {p.MessagePack ?? "(none)"}"));

        private static void Record(HubConnection connection, ConcurrentDictionary<string, string> newest)
        {
            foreach (var method in typeof(TClient).GetMethods())
            {
                var types = method.GetParameters().Select(p => p.ParameterType).ToArray();
                connection.On(method.Name, types, args =>
                {
                    newest[method.Name] = JsonSerializer.Serialize(args, Canonical);
                    return Task.CompletedTask;
                });
            }
        }
    }
}

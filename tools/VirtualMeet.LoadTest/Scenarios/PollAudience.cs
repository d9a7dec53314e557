using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.LoadTest.Clients;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// N registered attendees, each holding one <c>/hubs/polls</c> connection that watches the event's polls: the
/// idle soak holds them, the poll scenario votes and watches through them, the chaos runs reconnect them.
/// </summary>
internal sealed class PollAudience : IAsyncDisposable
{
    private PollAudience(Deployment deployment, ConferenceApi api, string eventId, string pollId, Attendee[] attendees, PollWatcher[] watchers, RampResult ramp)
    {
        Deployment = deployment;
        Api = api;
        EventId = eventId;
        PollId = pollId;
        Attendees = attendees;
        Watchers = watchers;
        Ramp = ramp;
        Clients = ramp.Clients;
    }

    public Deployment Deployment { get; }

    public ConferenceApi Api { get; }

    public string EventId { get; }

    public string PollId { get; }

    public Attendee[] Attendees { get; }

    public PollWatcher[] Watchers { get; }

    public RampResult Ramp { get; }

    /// <summary>The current connection of each attendee (replaced when a chaos run reconnects one).</summary>
    public LoadClient?[] Clients { get; }

    public static async Task<PollAudience> ConnectAsync(Deployment deployment, int size, TimeSpan rampWindow, CancellationToken cancellationToken)
    {
        var api = new ConferenceApi(deployment);
        var eventId = await ScenarioEvent.CreateAsync(api, breakoutSeats: Math.Max(1, size / 4), barTables: Math.Max(1, size / 24), seatsPerTable: 4, cancellationToken);
        var pollId = await api.CreatePollAsync(eventId, options: 4, cancellationToken);
        Progress.Say($"  registering {size:N0} attendees");
        var attendees = await api.RegisterAsync(eventId, size, parallelism: 32, cancellationToken);
        var watchers = attendees.Select(_ => new PollWatcher()).ToArray();
        Progress.Say($"  ramping {size:N0} connections over {rampWindow.TotalSeconds:0} s (jittered)");
        var ramp = await ConnectionRamp.OpenAsync(deployment, HubRoutes.Polls, attendees, rampWindow,
            afterConnect: async (index, client) =>
            {
                watchers[index].Apply(await client.Connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, cancellationToken));
            },
            subscribe: (i, connection) => watchers[i].Subscribe(connection, eventId),
            cancellationToken);
        Progress.Say($"  {ramp.Held:N0} connected, {ramp.Failures:N0} failed, in {ramp.Elapsed.TotalSeconds:0.0} s{(ramp.FirstError is null ? "" : $" (first error: {ramp.FirstError})")}");
        return new PollAudience(deployment, api, eventId, pollId, attendees, watchers, ramp);
    }

    /// <summary>Opens a fresh connection for attendee <paramref name="index"/> on <paramref name="node"/> and resynchronises it from <c>Watch</c>.</summary>
    public async Task<LoadClient> ReconnectAsync(int index, Uri node, CancellationToken cancellationToken)
    {
        var client = await LoadClient.ConnectAsync(node, HubRoutes.Polls, Attendees[index], connection => Watchers[index].Subscribe(connection, EventId), cancellationToken);
        Watchers[index].Apply(await client.Connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, EventId, null, cancellationToken));
        var previous = Clients[index];
        Clients[index] = client;
        if (previous is not null)
            await previous.DisposeAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in Clients.OfType<LoadClient>().Chunk(256))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        Api.Dispose();
    }
}

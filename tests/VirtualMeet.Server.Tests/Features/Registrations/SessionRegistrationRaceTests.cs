using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Notifications;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>Two server nodes share one Redis; capacity holds no matter which node a request lands on.</summary>
public sealed class SessionRegistrationRaceTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>, IDisposable
{
    private const int Seats = 50;
    private const int Attendees = 200;

    private readonly HttpClient _a = cluster.A.CreateClient();
    private readonly HttpClient _b = cluster.B.CreateClient();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task TwoHundredAttendeesThroughTwoNodesNeverOverbookAFiftySeatSession()
    {
        var (eventId, path, attendees) = await PrepareAsync();

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(attendees.Select((attendee, i) =>
            (i % 2 == 0 ? _a : _b).SendAsync(HttpMethod.Post, path, attendee.AccessToken)
                .ContinueWith(async t => { using var r = await t; return (attendee.AttendeeId, Place: await r.ReadAsync<SessionRegistrationResponse>()); }, TaskScheduler.Default)
                .Unwrap()));
        TestContext.Current.TestOutputHelper?.WriteLine($"{Attendees} concurrent session registrations through two nodes: {clock.ElapsedMilliseconds} ms");

        var confirmed = answers.Where(a => a.Place.Status == SessionRegistrationStatus.Confirmed).Select(a => a.AttendeeId).ToList();
        var waitlisted = answers.Where(a => a.Place.Status == SessionRegistrationStatus.Waitlisted).OrderBy(a => a.Place.Position).ToList();
        Assert.Equal(Seats, confirmed.Count);
        Assert.Equal(Attendees - Seats, waitlisted.Count);
        Assert.Equal(Enumerable.Range(1, Attendees - Seats), waitlisted.Select(w => w.Place.Position!.Value));

        // Both nodes see one and the same order, and it is the order the answers promised.
        var organizer = await _a.OrganizerTokenAsync();
        using var rosterA = await _a.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/sessions/workshop/roster", organizer);
        using var rosterB = await _b.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/sessions/workshop/roster", organizer);
        var roster = await rosterA.ReadAsync<SessionRosterView>();
        var rosterOnB = await rosterB.ReadAsync<SessionRosterView>();
        Assert.Equal(roster.Confirmed, rosterOnB.Confirmed);
        Assert.Equal(roster.Waitlist, rosterOnB.Waitlist);
        Assert.Equal(confirmed.Order(StringComparer.Ordinal), roster.Confirmed.Order(StringComparer.Ordinal));
        Assert.Equal(waitlisted.Select(w => w.AttendeeId), roster.Waitlist);
        Assert.Equal(Attendees, roster.Confirmed.Concat(roster.Waitlist).Distinct().Count());

        // Ten cancellations, alternating nodes, promote the head of the waitlist in order.
        var byId = attendees.ToDictionary(a => a.AttendeeId);
        for (var i = 0; i < 10; i++)
            (await (i % 2 == 0 ? _b : _a).SendAsync(HttpMethod.Delete, path, byId[roster.Confirmed[i]].AccessToken)).Dispose();

        using var afterResponse = await _b.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/sessions/workshop/roster", organizer);
        var after = await afterResponse.ReadAsync<SessionRosterView>();
        Assert.Equal(Seats, after.Confirmed.Count);
        Assert.Equal(roster.Confirmed.Skip(10).Concat(roster.Waitlist.Take(10)), after.Confirmed);
        Assert.Equal(roster.Waitlist.Skip(10), after.Waitlist);
    }

    [Fact]
    public async Task APromotionIsPushedToTheAttendeeOnTheOtherNode()
    {
        var (_, path, attendees) = await PrepareAsync(count: 3, capacity: 1);
        foreach (var attendee in attendees)
            (await _a.SendAsync(HttpMethod.Post, path, attendee.AccessToken)).Dispose();

        await using var connection = await cluster.B.ConnectAsync(HubRoutes.Notifications, attendees[1].AccessToken);
        var pushed = new TaskCompletionSource<RegistrationChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RegistrationChanged>(nameof(INotificationsClient.RegistrationChanged), change => pushed.TrySetResult(change));
        // The snapshot call returns once the connection is fully set up (its user subscription included).
        var before = await connection.InvokeAsync<List<SessionRegistrationEntry>>("GetRegistrations", TestContext.Current.CancellationToken);
        Assert.Equal([new SessionRegistrationEntry("workshop", SessionRegistrationStatus.Waitlisted, 1)], before);

        (await _a.SendAsync(HttpMethod.Delete, path, attendees[0].AccessToken)).Dispose();

        var change = await pushed.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal(SessionRegistrationStatus.Confirmed, change.Status);
        Assert.Equal("workshop", change.SessionId);
    }

    private async Task<(string EventId, string Path, List<AttendeeRegistrationResponse> Attendees)> PrepareAsync(int count = Attendees, int capacity = Seats)
    {
        var definition = TestEvents.Create(workshopCapacity: capacity);
        await _a.ImportAsync(definition, await _a.OrganizerTokenAsync());
        var attendees = new List<AttendeeRegistrationResponse>();
        for (var i = 0; i < count; i++)
            attendees.Add(await (i % 2 == 0 ? _a : _b).RegisterAsync(definition.Id, $"Attendee {i}"));
        return (definition.Id, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendees);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Tests.Infrastructure;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingRequests;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>Matchmaking over REST on one in-memory node, with the pushes on /hubs/bar.</summary>
public sealed class MatchmakingApiTests(InMemoryNodeWithoutBarGrace fixture) : IClassFixture<InMemoryNodeWithoutBarGrace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestNotifiesBothSidesAndAcceptingUpdatesBoth()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await SaveProfileAsync(bar, "alice", offers: ["Kapital"], seeks: ["Robotik"]);
        await SaveProfileAsync(bar, "bob", offers: ["Robotik"], seeks: ["Kapital"]);
        await using var alice = await bar.ConnectAsync("alice");
        await using var bob = await bar.ConnectAsync("bob");

        var suggestions = await GetAsync<List<MatchSuggestion>>(bar, "alice", "suggestions");
        Assert.True(Assert.Single(suggestions).Mutual);

        var slot = MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1);
        var requested = await RequestAsync(bar, "alice", "bob", slot, HttpStatusCode.Created);
        Assert.Equal(MeetingStatus.Requested, requested!.Status);
        Assert.Equal(requested.Id, (await BarListener.NextAsync(bob.MeetingsRequested)).Id);
        Assert.Equal(requested.Id, (await BarListener.NextAsync(alice.MeetingsRequested)).Id);

        var accepted = await PostAsync(bar, "bob", $"meetings/{requested.Id}/accept", HttpStatusCode.OK);
        Assert.Equal(MeetingStatus.Accepted, accepted!.Status);
        Assert.Equal(requested.Version + 1, accepted.Version);
        foreach (var side in new[] { alice, bob })
        {
            var update = await BarListener.NextAsync(side.MeetingsUpdated);
            Assert.Equal((MeetingStatus.Accepted, accepted.Version), (update.Status, update.Version));
        }

        var slots = await GetAsync<MatchmakingSlotsView>(bar, "bob", "slots");
        Assert.Equal(requested.Id, slots.Slots.Single(s => s.StartsAt == slot).MeetingId);
        Assert.Equal(16, slots.Slots.Count);
    }

    [Fact]
    public async Task SlotsOutsideTheWindowOffTheGridOrTakenAreRefused()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        foreach (var id in new[] { "a", "b", "c" })
            await SaveProfileAsync(bar, id);
        var slot = MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1);

        await RequestAsync(bar, "a", "b", slot.AddMinutes(5), HttpStatusCode.BadRequest);
        await RequestAsync(bar, "a", "b", slot.AddHours(-2), HttpStatusCode.BadRequest);
        await RequestAsync(bar, "a", "b", slot.AddHours(5), HttpStatusCode.BadRequest);
        await RequestAsync(bar, "a", "a", slot, HttpStatusCode.BadRequest);
        await RequestAsync(bar, "a", "nobody", slot, HttpStatusCode.NotFound);
        await RequestAsync(bar, "a", "b", slot, HttpStatusCode.Created);
        await RequestAsync(bar, "c", "b", slot, HttpStatusCode.Conflict);
        await RequestAsync(bar, "b", "c", slot, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ARequestBeyondTheCapIsRefusedWithTheLimitAndThePendingCount()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        foreach (var id in new[] { "a", "b0", "b1", "b2", "b3", "b4", "b5" })
            await SaveProfileAsync(bar, id);
        var slot = MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1);
        for (var i = 0; i < 5; i++)
            await RequestAsync(bar, "a", $"b{i}", slot.AddMinutes(15 * i), HttpStatusCode.Created);

        using var http = bar.Http(bar.Token("a"));
        using var refused = await http.PostAsJsonAsync(
            $"/api/events/{bar.EventId}/matchmaking/meetings", new MeetingRequest("b5", slot.AddMinutes(75)), Ct);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        await refused.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        using var problem = JsonDocument.Parse(body);
        Assert.Contains("You have 5 requests waiting for an answer; at most 5 may wait", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // An invitation the capped attendee receives is not theirs to count.
        await RequestAsync(bar, "b5", "a", slot.AddMinutes(75), HttpStatusCode.Created);
    }

    [Fact]
    public async Task OnlyTheInviteeAnswersAndAnAnswerIsFinal()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await SaveProfileAsync(bar, "a");
        await SaveProfileAsync(bar, "b");
        await SaveProfileAsync(bar, "c");
        var slot = MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1);
        var meeting = (await RequestAsync(bar, "a", "b", slot, HttpStatusCode.Created))!;

        await PostAsync(bar, "a", $"meetings/{meeting.Id}/accept", HttpStatusCode.Forbidden);
        await PostAsync(bar, "c", $"meetings/{meeting.Id}/cancel", HttpStatusCode.NotFound);
        var declined = await PostAsync(bar, "b", $"meetings/{meeting.Id}/decline", HttpStatusCode.OK);
        Assert.Equal(MeetingStatus.Declined, declined!.Status);
        await PostAsync(bar, "b", $"meetings/{meeting.Id}/accept", HttpStatusCode.Conflict);

        // Declining freed both slots.
        await RequestAsync(bar, "c", "a", slot, HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheExportIsForOrganizersAndCountsPeopleWhoMetInHeldTalks()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        foreach (var id in new[] { "a", "b", "c" })
            await SaveProfileAsync(bar, id);
        var now = await MatchmakingTestData.RunningSlotAsync(Ct);
        var held = (await RequestAsync(bar, "a", "b", now, HttpStatusCode.Created))!;
        await PostAsync(bar, "b", $"meetings/{held.Id}/accept", HttpStatusCode.OK);
        await RequestAsync(bar, "c", "a", now.AddMinutes(30), HttpStatusCode.Created);

        using (var attendee = bar.Http(bar.Token("a")))
        using (var refused = await attendee.GetAsync($"/api/events/{bar.EventId}/matchmaking/export", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var organizer = bar.Http(bar.OrganizerToken());
        var export = (await organizer.GetFromJsonAsync<MatchmakingExport>($"/api/events/{bar.EventId}/matchmaking/export", Ct))!;
        Assert.Equal((3, 2, 1, 1, 1), (export.Participants, export.PeopleMet, export.MeetingsHeld, export.MeetingsAccepted, export.MeetingsRequested));
        Assert.Equal(2, export.Meetings.Count);

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{bar.EventId}/matchmaking/export");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await organizer.SendAsync(csvRequest, Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static async Task<T> GetAsync<T>(BarTestClient bar, string attendeeId, string path)
    {
        using var http = bar.Http(bar.Token(attendeeId));
        return (await http.GetFromJsonAsync<T>($"/api/events/{bar.EventId}/matchmaking/{path}", Ct))!;
    }
}

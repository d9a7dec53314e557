using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>Two nodes on one Redis: a slot is booked once whichever nodes race, and both sides hear of it on any node.</summary>
public sealed class MatchmakingClusterTests(TwoNodesOnRedisWithFastNodeTimeout cluster) : IClassFixture<TwoNodesOnRedisWithFastNodeTimeout>
{
    [Fact]
    public async Task RequestsForTheSameAttendeeAndSlotRacingOnTwoNodesBookOne()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await MatchmakingRequests.SaveProfileAsync(onA, "star");
        var requesters = Enumerable.Range(0, 20).Select(i => $"fan-{i}").ToList();
        foreach (var id in requesters)
            await MatchmakingRequests.SaveProfileAsync(onA, id);
        var slot = MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1);

        var statuses = await Task.WhenAll(requesters.Select(async (id, i) =>
        {
            var node = i % 2 == 0 ? onA : onB;
            using var http = node.Http(node.Token(id));
            using var response = await http.PostAsJsonAsync(
                $"/api/events/{onA.EventId}/matchmaking/meetings", new MeetingRequest("star", slot), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(requesters.Count - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        using var star = onB.Http(onB.Token("star"));
        var meetings = await star.GetFromJsonAsync<List<MeetingView>>($"/api/events/{onA.EventId}/matchmaking/meetings", TestContext.Current.CancellationToken);
        Assert.Equal(slot, Assert.Single(meetings!).SlotStartsAt);
    }

    [Fact]
    public async Task BothSidesHearOfAMeetingOnWhicheverNodeTheyAre()
    {
        var onA = await BarTestClient.WithNewEventAsync(cluster.A);
        var onB = onA.On(cluster.B);
        await MatchmakingRequests.SaveProfileAsync(onA, "host");
        await MatchmakingRequests.SaveProfileAsync(onA, "guest");
        await using var guestOnB = await onB.ConnectAsync("guest");
        await using var hostOnB = await onB.ConnectAsync("host");

        var meeting = (await MatchmakingRequests.RequestAsync(onA, "host", "guest", MatchmakingTestData.NextSlot(DateTimeOffset.UtcNow, later: 1), HttpStatusCode.Created))!;

        Assert.Equal(meeting.Id, (await BarListener.NextAsync(guestOnB.MeetingsRequested)).Id);
        await MatchmakingRequests.PostAsync(onA, "host", $"meetings/{meeting.Id}/cancel", HttpStatusCode.OK);
        Assert.Equal(MeetingStatus.Cancelled, (await BarListener.NextAsync(guestOnB.MeetingsUpdated)).Status);
        Assert.Equal(MeetingStatus.Cancelled, (await BarListener.NextAsync(hostOnB.MeetingsUpdated)).Status);
    }
}

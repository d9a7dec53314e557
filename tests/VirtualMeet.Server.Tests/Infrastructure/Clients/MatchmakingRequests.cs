using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Matchmaking REST calls of one attendee of a <see cref="BarTestClient"/>'s event, each asserting the status it expects.</summary>
internal static class MatchmakingRequests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task SaveProfileAsync(BarTestClient bar, string attendeeId, string[]? offers = null, string[]? seeks = null)
    {
        using var http = bar.Http(bar.Token(attendeeId));
        using var response = await http.PutAsJsonAsync(
            $"/api/events/{bar.EventId}/matchmaking/profile", new MatchmakingProfileRequest(["Innovation"], offers, seeks), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<MeetingView?> RequestAsync(BarTestClient bar, string from, string to, DateTimeOffset slot, HttpStatusCode expected)
    {
        using var http = bar.Http(bar.Token(from));
        using var response = await http.PostAsJsonAsync($"/api/events/{bar.EventId}/matchmaking/meetings", new MeetingRequest(to, slot), Ct);
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MeetingView>(Ct) : null;
    }

    public static async Task<MeetingView?> PostAsync(BarTestClient bar, string attendeeId, string path, HttpStatusCode expected)
    {
        using var http = bar.Http(bar.Token(attendeeId));
        using var response = await http.PostAsync($"/api/events/{bar.EventId}/matchmaking/{path}", null, Ct);
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MeetingView>(Ct) : null;
    }
}

using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingRequests;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

/// <summary>On a node with a manual clock: an unanswered request expires, tells both people and frees the slot.</summary>
public sealed class MeetingExpiryApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    // Starts one TTL before the real time and ends near it: tokens issued by the node after the test moved the clock
    // must not lie in the future for the real clock of the bearer handler.
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow - Ttl);
    private VirtualMeetNode _node = null!;

    public async ValueTask InitializeAsync() =>
        _node = await VirtualMeetNode.StartAsync(
            new Dictionary<string, string?> { ["Matchmaking:RequestTtl"] = Ttl.ToString("c", CultureInfo.InvariantCulture) },
            services => services.AddSingleton<TimeProvider>(_time));

    public async ValueTask DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AnUnansweredRequestExpiresForBothAndCanNoLongerBeAccepted()
    {
        var bar = await BarTestClient.WithNewEventAsync(_node);
        foreach (var id in new[] { "anna", "ben", "carl" })
            await SaveProfileAsync(bar, id);
        await using var anna = await bar.ConnectAsync("anna");
        await using var ben = await bar.ConnectAsync("ben");
        var slot = MatchmakingTestData.NextSlot(_time.GetUtcNow(), later: 1);
        var meeting = (await RequestAsync(bar, "anna", "ben", slot, HttpStatusCode.Created))!;
        await RequestAsync(bar, "carl", "ben", slot, HttpStatusCode.Conflict);

        _time.Advance(Ttl);

        foreach (var side in new[] { anna, ben })
        {
            var update = await BarListener.NextMatchingAsync(side.MeetingsUpdated, m => m.Id == meeting.Id);
            Assert.Equal((MeetingStatus.Expired, meeting.Version + 1), (update.Status, update.Version));
        }

        await PostAsync(bar, "ben", $"meetings/{meeting.Id}/accept", HttpStatusCode.Conflict);
        await RequestAsync(bar, "carl", "ben", slot, HttpStatusCode.Created);
        await RequestAsync(bar, "anna", "carl", slot.AddMinutes(15), HttpStatusCode.Created);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>On a node with a manual clock: the private table of an accepted meeting appears for its pair when the slot starts.</summary>
public sealed class MeetingTableAnnouncementTests : IAsyncLifetime
{
    // Starts at the real time: tokens issued by the node must stay valid for the real clock of the bearer handler.
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private VirtualMeetNode _node = null!;

    public async ValueTask InitializeAsync() =>
        _node = await VirtualMeetNode.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(_time));

    public async ValueTask DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ThePairHearsOfTheirTableWhenTheSlotStartsAndNobodyElseDoes()
    {
        var bar = await BarTestClient.WithNewEventAsync(_node);
        foreach (var id in new[] { "anna", "ben", "carl" })
            await MatchmakingRequests.SaveProfileAsync(bar, id);
        await using var anna = await bar.ConnectAsync("anna");
        await using var carl = await bar.ConnectAsync("carl");
        await carl.EnterAsync(bar.EventId);
        var slot = MatchmakingTestData.NextSlot(_time.GetUtcNow());
        var meeting = (await MatchmakingRequests.RequestAsync(bar, "anna", "ben", slot, HttpStatusCode.Created))!;
        await MatchmakingRequests.PostAsync(bar, "ben", $"meetings/{meeting.Id}/accept", HttpStatusCode.OK);
        Assert.DoesNotContain((await anna.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);

        _time.Advance(slot - _time.GetUtcNow());
        var appeared = BarListener.NextMatchingAsync(anna.TableChanges, u => u.BarId == BarIds.Meetings);
        // The publisher runs on the same clock: let it tick until the push is out.
        await Eventually.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return Task.FromResult(appeared.IsCompleted);
            },
            done => done,
            TestTimeouts.Default,
            "the meeting table is announced");

        var table = Assert.Single((await appeared).Tables);
        Assert.Equal((meeting.TableId, 2, 0), (table.TableId, table.Seats, table.Occupants.Count));
        Assert.Contains((await anna.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);
        Assert.DoesNotContain((await carl.EnterAsync(bar.EventId)).Bars, b => b.Id == BarIds.Meetings);
        while (carl.TableChanges.Reader.TryRead(out var update))
            Assert.NotEqual(BarIds.Meetings, update.BarId);
    }
}

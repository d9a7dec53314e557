using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>Seats held through a reconnect grace are freed by the presence reaper, and the bars hear of it.</summary>
public sealed class BarReapingTests(BarReapingTests.GraceNodeFixture fixture) : IClassFixture<BarReapingTests.GraceNodeFixture>
{
    [Fact]
    public async Task ASeatHeldThroughTheGraceIsFreedByTheReaperAndAnnounced()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var watcher = await bar.ConnectAsync("watcher");
        await watcher.EnterAsync(bar.EventId);
        await using var stayer = await bar.ConnectAsync("stayer");
        await stayer.JoinAsync("theke", "t1");
        var leaver = await bar.ConnectAsync("leaver");
        await leaver.JoinAsync("theke", "t1");
        await BarListener.NextMatchingAsync(watcher.TableChanges, u => u.Tables.Any(t => t.TableId == "t1" && t.Occupants.Count == 2));

        await leaver.DisposeAsync();

        var left = await BarListener.NextMatchingAsync(stayer.Left, l => l.ParticipantId == "leaver");
        Assert.Equal(("theke", "t1"), (left.BarId, left.TableId));
        await BarListener.NextMatchingAsync(watcher.TableChanges,
            u => u.Tables.Any(t => t.TableId == "t1" && t.Occupants.Select(o => o.ParticipantId).SequenceEqual(["stayer"])));
    }

    /// <summary>A short grace and a fast reaper, so the freed seat shows within a second or two.</summary>
    public sealed class GraceNodeFixture : InMemoryNode
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Bars:ReconnectGraceSeconds"] = "1",
            ["Presence:ReapInterval"] = "00:00:00.100",
        };
    }
}

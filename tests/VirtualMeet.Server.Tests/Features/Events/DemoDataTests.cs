using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Events;

public sealed class DemoDataTests
{
    [Fact]
    public async Task BothDemoEventsAreSeededWhenDemoSeedIsOn()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        using var client = node.CreateClient();

        using var list = await client.SendAsync(HttpMethod.Get, "/api/events", token: null);
        var ids = (await list.ReadAsync<List<EventSummary>>()).Select(e => e.Id);

        Assert.Equal(["clustertreffen-2020", "jahrestagung-2017"], ids);
    }

    [Fact]
    public async Task WithStartsNowTheDemoOpensAtTheCurrentQuarterHourAndKeepsItsShape()
    {
        await using var original = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        await using var moved = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Demo:StartsNow"] = "true" });
        using var originalClient = original.CreateClient();
        using var movedClient = moved.CreateClient();
        var before = DateTimeOffset.UtcNow;

        var was = await (await originalClient.SendAsync(HttpMethod.Get, "/api/events/clustertreffen-2020", token: null)).ReadAsync<EventView>();
        var now = await (await movedClient.SendAsync(HttpMethod.Get, "/api/events/clustertreffen-2020", token: null)).ReadAsync<EventView>();

        var opening = now.StartsAt!.Value;
        Assert.InRange(opening, before.AddMinutes(-15), before.AddMinutes(15));
        Assert.Equal(0, opening.Minute % 15);
        var shift = opening - was.StartsAt!.Value;
        Assert.Equal(was.Sessions.Select(s => (s.Id, s.StartsAt + shift, s.EndsAt + shift)), now.Sessions.Select(s => (s.Id, s.StartsAt, s.EndsAt)));

        // Shown on the event's clock of the new date: Berlin is at +01:00 in winter and +02:00 in summer.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(now.TimeZone);
        Assert.All(now.Sessions, s => Assert.Equal(zone.GetUtcOffset(s.StartsAt), s.StartsAt.Offset));
    }

    [Fact]
    public async Task TheClusterMeetingOf2020HasItsKeynoteThreeBreakoutsAndFiveBars()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        using var client = node.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Get, "/api/events/clustertreffen-2020?lang=de", token: null);
        var agenda = await response.ReadAsync<EventView>();

        Assert.Equal(new DateOnly(2020, 10, 8), DateOnly.FromDateTime(agenda.StartsAt!.Value.DateTime));
        Assert.Contains(agenda.Sessions, s => s.Kind == SessionKind.Keynote && s.Title == "Clusterförderung in Krisenzeiten – Impulse für den Aufbruch zu neuen Ufern?");
        var breakouts = agenda.Sessions.Where(s => s.Kind == SessionKind.Breakout).ToList();
        Assert.Equal(3, breakouts.Count);
        Assert.All(breakouts, b => Assert.True(b.RegistrationRequired && b.Capacity > 0));
        var english = Assert.Single(breakouts, b => b.Language == "en");
        Assert.StartsWith("Back on track – The role of clusters in the recovery", english.Title, StringComparison.Ordinal);
        Assert.Contains(breakouts, b => b.Title == "Öffentlichkeitsarbeit in CMO");
        Assert.Contains(breakouts, b => b.Title == "Personalsteuerung in CMO");
        Assert.Contains(agenda.Sessions, s => s.Title.Contains("European Cluster Conference", StringComparison.Ordinal));
        Assert.Contains(agenda.Sessions, s => s.Title.Contains("Umfrage", StringComparison.Ordinal));
        Assert.Equal(5, agenda.Bars.Count);
        Assert.All(agenda.Bars, bar => Assert.NotEmpty(bar.Tables));
    }

    [Fact]
    public async Task TheAnnualConferenceOf2017HasSixTwoMinutePitchesAndMatchmakingFromFour()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        using var client = node.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Get, "/api/events/jahrestagung-2017", token: null);
        var agenda = await response.ReadAsync<EventView>();

        var competition = Assert.Single(agenda.Sessions, s => s.Kind == SessionKind.Pitch && s.ParentSessionId is null);
        Assert.Contains("Clustererfolg 2017", competition.Title, StringComparison.Ordinal);
        var pitches = agenda.Sessions.Where(s => s.ParentSessionId == competition.Id).ToList();
        Assert.Equal(6, pitches.Count);
        Assert.All(pitches, p => Assert.Equal(TimeSpan.FromMinutes(2), p.EndsAt - p.StartsAt));
        Assert.Equal(3, agenda.Sessions.Count(s => s.Kind == SessionKind.Breakout));
        Assert.Single(agenda.Sessions, s => s.Kind == SessionKind.Panel);
        var matchmaking = Assert.Single(agenda.Sessions, s => s.Id == "matchmaking");
        Assert.Equal(new DateTimeOffset(2017, 4, 20, 16, 0, 0, TimeSpan.FromHours(2)), matchmaking.StartsAt);
        Assert.Contains(agenda.Sessions, s => s.Id == "ausstellung" && s.Kind == SessionKind.Networking);
    }

    [Fact]
    public async Task SeedingTwiceKeepsTheFirstImport()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await using (await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Demo:Seed"] = "true" }))
        {
        }

        await using var second = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        using var client = second.CreateClient();
        using var list = await client.SendAsync(HttpMethod.Get, "/api/events", token: null);
        Assert.Equal(2, (await list.ReadAsync<List<EventSummary>>()).Count);
    }
}

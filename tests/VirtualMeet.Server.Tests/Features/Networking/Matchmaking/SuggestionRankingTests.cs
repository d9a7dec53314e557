using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using static VirtualMeet.Server.Tests.Infrastructure.MatchmakingTestData;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

public sealed class SuggestionRankingTests
{
    private const string EventId = "ranking";

    private static readonly MatchmakingProfile Me = Profile(EventId, "me", ["KI", "Robotik", "Bildung"], ["Beratung"], ["Kapital", "Partner"]);

    [Fact]
    public void MutualMatchesComeFirstThenMoreOverlap()
    {
        var investor = Profile(EventId, "investor", offers: ["kapital"], seeks: ["BERATUNG"]);
        var shareAll = Profile(EventId, "share-all", interests: ["ki", "robotik", "bildung"]);
        var oneWay = Profile(EventId, "one-way", interests: ["KI"], offers: ["Partner"]);
        var nothing = Profile(EventId, "nothing", interests: ["Tourismus"]);

        var ranked = SuggestionRanker.Rank(Me, [nothing, shareAll, oneWay, investor, Me], 10);

        Assert.Equal(["investor", "one-way", "share-all"], ranked.Select(s => s.Profile.AttendeeId));
        Assert.True(ranked[0].Mutual);
        Assert.Equal(["kapital"], ranked[0].TheyOffer);
        Assert.Equal(["BERATUNG"], ranked[0].TheySeek);
        Assert.Equal(4, ranked[0].Score);
        Assert.Equal(3, ranked[1].Score);
        Assert.Equal(3, ranked[2].Score);
        Assert.Equal(["KI", "Robotik", "Bildung"], ranked[2].SharedInterests);
    }

    [Fact]
    public void TheListStopsAtTheLimitAndTiesGoByName()
    {
        var others = Enumerable.Range(0, 5).Select(i => Profile(EventId, $"p{4 - i}", interests: ["KI"])).ToList();

        var ranked = SuggestionRanker.Rank(Me, others, 3);

        Assert.Equal(["p0", "p1", "p2"], ranked.Select(s => s.Profile.AttendeeId));
    }
}

public sealed class MatchmakingExportTests
{
    [Fact]
    public void FiguresCountPeopleWhoMetInHeldTalksOnly()
    {
        var now = SlotStart.AddMinutes(20);
        var profiles = new[] { "a", "b", "c", "d", "e" }.Select(id => Profile("x", id)).ToList();
        var heldAb = Meeting("x", "a", "b") with { Status = MeetingStatus.Accepted };
        var heldAc = Meeting("x", "a", "c", SlotStart.AddMinutes(15)) with { Status = MeetingStatus.Accepted };
        var laterDe = Meeting("x", "d", "e", SlotStart.AddMinutes(30)) with { Status = MeetingStatus.Accepted };
        var declined = Meeting("x", "d", "b") with { Status = MeetingStatus.Declined };
        var open = Meeting("x", "e", "c", SlotStart.AddMinutes(45));

        var export = MatchmakingViews.Export("x", profiles, [laterDe, declined, heldAc, open, heldAb], now);

        Assert.Equal(5, export.Participants);
        Assert.Equal(2, export.MeetingsHeld);
        Assert.Equal(3, export.PeopleMet);
        Assert.Equal(3, export.MeetingsAccepted);
        Assert.Equal(1, export.MeetingsRequested);
        Assert.Equal(1, export.MeetingsDeclined);
        Assert.Equal(5, export.Meetings.Count);
        Assert.Equal(export.Meetings.OrderBy(m => m.SlotStartsAt).Select(m => m.Id), export.Meetings.Select(m => m.Id));
        Assert.Equal("Name a", export.Meetings.First(m => m.Id == heldAb.Id).RequesterName);
    }

    [Fact]
    public void CsvHasOneLinePerMeetingAndDefusesFormulas()
    {
        var profiles = new[] { Profile("x", "a") with { DisplayName = "=cmd, \"Dr.\"" }, Profile("x", "b") };
        var export = MatchmakingViews.Export("x", profiles, [Meeting("x", "a", "b") with { Status = MeetingStatus.Accepted }], SlotStart.AddMinutes(1));

        var lines = MatchmakingViews.Csv(export).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("meetingId,slotStartsAt,", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=cmd, \"\"Dr.\"\"\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",accepted,true", lines[1], StringComparison.Ordinal);
    }
}

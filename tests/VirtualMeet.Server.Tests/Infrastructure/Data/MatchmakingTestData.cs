using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Networking.Matchmaking;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Events, profiles and meetings with unique ids, so tests sharing a node or a Redis never collide.</summary>
internal static class MatchmakingTestData
{
    public static readonly DateTimeOffset SlotStart = new(2026, 10, 8, 16, 0, 0, TimeSpan.Zero);

    public static string NewEventId() => $"mm-{Guid.NewGuid():N}";

    /// <summary>
    /// An event whose matchmaking session started an hour before <paramref name="now"/> (rounded down to the hour)
    /// and runs three more hours: 15-minute slots in the past, running now and ahead. Plus a bar with tables.
    /// </summary>
    public static EventDefinition Event(DateTimeOffset now, string? id = null)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return new EventDefinition(
            id ?? NewEventId(),
            "Matchmaking test",
            "Europe/Berlin",
            ["de", "en"],
            [
                new SessionDefinition("keynote", SessionKind.Keynote, new LocalizedText("Keynote"), "de", hour.AddHours(-3), hour.AddHours(-2)),
                new SessionDefinition("matchmaking", SessionKind.Networking, new LocalizedText("Matchmaking"), "de", hour.AddHours(-1), hour.AddHours(3)),
            ],
            Bars:
            [
                new BarDefinition("theke", new LocalizedText("Theke", "Bar"),
                    [new TableDefinition("t1", "Tisch 1", 2), new TableDefinition("t2", "Tisch 2", 4), new TableDefinition("t3", "Tisch 3", 4)]),
                new BarDefinition("lounge", new LocalizedText("Lounge"), [new TableDefinition("l1", "Sofa", 3)]),
            ]);
    }

    /// <summary>The breakout of <see cref="EventWithBreakout"/>.</summary>
    public const string Breakout = "werkstatt";

    /// <summary>
    /// <see cref="Event"/> plus a breakout running around <paramref name="now"/>: something of every feature in one
    /// event (stage, breakout, bars, matchmaking, and polls on top), for tests of what erasure and purge leave behind.
    /// </summary>
    public static EventDefinition EventWithBreakout(DateTimeOffset now)
    {
        var definition = Event(now);
        var breakout = new SessionDefinition(Breakout, SessionKind.Breakout, new LocalizedText("Werkstatt"), "de", now.AddHours(-1), now.AddHours(2), Capacity: 10);
        return definition with { Sessions = [.. definition.Sessions, breakout] };
    }

    /// <summary>The start of the first slot that begins after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSlot(DateTimeOffset now, int later = 0)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var next = hour.AddMinutes(15 * (now.Minute / 15 + 1));
        return next.AddMinutes(15 * later);
    }

    /// <summary>The start of the slot running at <paramref name="now"/>.</summary>
    public static DateTimeOffset CurrentSlot(DateTimeOffset now) => NextSlot(now).AddMinutes(-15);

    /// <summary>
    /// The start of the slot running on the wall clock, with at least 45 s of it left for the test's requests:
    /// in the last 45 s of a slot this waits for the next one to begin, or a request could find its slot over.
    /// </summary>
    public static async Task<DateTimeOffset> RunningSlotAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var left = NextSlot(now) - now;
        if (left < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(100), cancellationToken);
            now = DateTimeOffset.UtcNow;
        }

        return CurrentSlot(now);
    }

    public static MatchmakingProfile Profile(
        string eventId, string attendeeId, string[]? interests = null, string[]? offers = null, string[]? seeks = null) =>
        new(eventId, attendeeId, $"Name {attendeeId}", null, interests ?? [], offers ?? [], seeks ?? [], SlotStart);

    public static MeetingRecord Meeting(string eventId, string requester, string invitee, DateTimeOffset? slot = null) =>
        new(Guid.NewGuid().ToString("N"), eventId, requester, invitee, slot ?? SlotStart, (slot ?? SlotStart).AddMinutes(15), null, SlotStart.AddHours(-5));
}

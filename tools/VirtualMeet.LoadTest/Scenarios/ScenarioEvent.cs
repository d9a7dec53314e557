using VirtualMeet.Contracts.Events;
using VirtualMeet.LoadTest.Clients;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>The event every scenario runs in: a keynote stage, one breakout with a seat limit, one bar with small tables.</summary>
internal static class ScenarioEvent
{
    public const string Keynote = "keynote";
    public const string Breakout = "breakout";
    public const string Bar = "bar";

    public static async Task<string> CreateAsync(ConferenceApi api, int breakoutSeats, int barTables, int seatsPerTable, CancellationToken cancellationToken)
    {
        var id = $"load-{Guid.NewGuid():N}"[..24];
        var start = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(2));
        var tables = Enumerable.Range(1, barTables).Select(i => new TableDefinition($"t{i}", $"Table {i}", seatsPerTable)).ToList();
        await api.CreateEventAsync(new EventDefinition(id, "Load test", "Europe/Berlin", ["en"],
            [
                new SessionDefinition(Keynote, SessionKind.Keynote, new LocalizedText(En: "Keynote"), "en", start, start.AddHours(1)),
                new SessionDefinition(Breakout, SessionKind.Breakout, new LocalizedText(En: "Breakout"), "en", start.AddHours(1), start.AddHours(2),
                    Capacity: breakoutSeats),
            ],
            Bars: [new BarDefinition(Bar, new LocalizedText(En: "Bar"), tables)]), cancellationToken);
        return id;
    }
}

using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Small valid event definitions with unique ids, so tests sharing a node or a Redis never collide.</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(2));

    public static string NewId(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    public static EventDefinition Create(string? id = null, int workshopCapacity = 2) => new(
        id ?? NewId(),
        "Testkonferenz",
        "Europe/Berlin",
        ["de", "en"],
        [
            new SessionDefinition("keynote", SessionKind.Keynote, new LocalizedText("Eröffnung", "Opening"), "de",
                Start, Start.AddMinutes(45), new LocalizedText("Begrüßung", null), SpeakerIds: ["speaker"], ModeratorIds: ["host"]),
            new SessionDefinition("workshop", SessionKind.Breakout, new LocalizedText("Werkstatt", null), "de",
                Start.AddHours(1), Start.AddHours(2), Capacity: workshopCapacity, RegistrationRequired: true, SpeakerIds: ["speaker"]),
            new SessionDefinition("open-room", SessionKind.Networking, new LocalizedText(null, "Open room"), "en",
                Start.AddHours(2), Start.AddHours(3)),
        ],
        [new PersonDefinition("speaker", "Erika Muster", "Cluster Nord"), new PersonDefinition("host", "Max Moderator")],
        [new BarDefinition("bar-1", new LocalizedText("Bar Eins", "Bar one"), [new TableDefinition("table-1", "Tisch 1", 6)])]);
}

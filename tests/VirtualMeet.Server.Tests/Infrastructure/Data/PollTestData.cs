using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Polls;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Poll definitions and events with unique ids, so tests sharing a node or a Redis never collide.</summary>
internal static class PollTestData
{
    public static readonly DateTimeOffset Start = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    public static string NewEventId() => $"polls-{Guid.NewGuid():N}";

    public static PollDefinition Single(string? eventId = null) => new(
        Guid.NewGuid().ToString("N"), eventId ?? NewEventId(), null, new PollText("Frage?", "Question?"), PollKind.SingleChoice,
        [new PollText("Ja", "Yes"), new PollText("Nein", "No"), new PollText(null, "Maybe")],
        null, null, null, Anonymous: false, AllowChange: false, ResultsVisibility.Live, null, Start);

    public static PollDefinition Multiple(string? eventId = null) => Single(eventId) with { Kind = PollKind.MultipleChoice, MaxChoices = 2 };

    /// <summary>An event with a keynote, a pitch block with three pitches and a breakout.</summary>
    public static EventDefinition Event(string? id = null) => new(
        id ?? NewEventId(),
        "Polls test",
        "Europe/Berlin",
        ["de", "en"],
        [
            Session("keynote", SessionKind.Keynote, "Keynote", 0),
            Session("pitches", SessionKind.Panel, "Pitch-Wettbewerb", 1),
            Session("pitch-a", SessionKind.Pitch, "Startup A", 1, "pitches"),
            Session("pitch-b", SessionKind.Pitch, "Startup B", 1, "pitches"),
            Session("pitch-c", SessionKind.Pitch, "Startup C", 1, "pitches"),
            Session("breakout", SessionKind.Breakout, "Werkstatt", 2),
        ]);

    private static SessionDefinition Session(string id, SessionKind kind, string title, int hour, string? parent = null) =>
        new(id, kind, new LocalizedText(title, title), "de", Start.AddHours(hour), Start.AddHours(hour + 1), ParentSessionId: parent);
}

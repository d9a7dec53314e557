using System.Text.Json;

namespace VirtualMeet.Contracts.Bar;

/// <summary>
/// Answer of <c>EnterBars</c>: every bar with its tables and who sits there, plus the caller's private meeting
/// tables whose slot is running. Each table carries its own version; a <c>TableChanged</c> with an older or equal
/// version than the one held is stale.
/// </summary>
/// <param name="MyTable">Where the caller sits now, if anywhere.</param>
public sealed record BarsSnapshot(string EventId, IReadOnlyList<BarState> Bars, TableLocation? MyTable);

/// <param name="Private">The matchmaking bar: only the caller's own meeting tables are listed.</param>
public sealed record BarState(string Id, string Name, bool Private, IReadOnlyList<TableState> Tables);

public sealed record TableState(
    string BarId,
    string TableId,
    string Name,
    int Seats,
    IReadOnlyList<TableOccupant> Occupants,
    long Version);

public sealed record TableOccupant(string ParticipantId, string DisplayName);

public sealed record TableLocation(string BarId, string TableId);

/// <summary>Push <c>TableChanged</c>: the current state of the tables of one bar that changed since the last push.</summary>
public sealed record BarTablesUpdate(string EventId, string BarId, IReadOnlyList<TableState> Tables);

/// <summary>Push <c>ParticipantJoined</c> / <c>ParticipantLeft</c> to the people at a table.</summary>
public sealed record TableParticipantChange(string BarId, string TableId, TableOccupant Participant, long Version);

/// <summary>Push <c>ChatReceived</c>: a chat line at the caller's table.</summary>
public sealed record TableChatMessage(
    string Id,
    string BarId,
    string TableId,
    string SenderId,
    string SenderName,
    string Text,
    DateTimeOffset SentAt);

/// <summary>Push <c>Signal</c>: a WebRTC message relayed from someone at the same table, payload untouched.</summary>
public sealed record TableSignal(string FromParticipantId, JsonElement Payload);

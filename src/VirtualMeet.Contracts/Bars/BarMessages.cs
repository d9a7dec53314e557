using System.Text.Json;
using VirtualMeet.Contracts.Chat;

namespace VirtualMeet.Contracts.Bars;

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

/// <summary>Answer of <c>JoinTable</c> and <c>FindTable</c>: the table with its occupants and its recent chat.</summary>
public sealed record JoinedTable(TableState Table, ChatHistory Chat);

/// <summary>
/// Push <c>ParticipantJoined</c> / <c>ParticipantLeft</c> to the people at a table (and to the one who moved, on
/// all their tabs). <see cref="DisplayName"/> is set when someone joins.
/// </summary>
public sealed record TableParticipantChange(string BarId, string TableId, string ParticipantId, string? DisplayName, long Version);

/// <summary>Push <c>ChatReceived</c>: a chat line at the caller's table.</summary>
public sealed record TableChatMessage(string BarId, string TableId, ChatMessage Message);

/// <summary>The line <paramref name="MessageId"/> at the table is now a tombstone; <paramref name="Version"/> is the table chat's version.</summary>
public sealed record TableChatDeleted(string BarId, string TableId, string MessageId, long Version);

/// <summary>Push <c>Signal</c>: a WebRTC message relayed from someone at the same table, payload untouched.</summary>
public sealed record TableSignal(string FromParticipantId, JsonElement Payload);

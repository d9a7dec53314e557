using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Events;

/// <summary>What a session is on the agenda; serialized in lower case (<c>keynote</c>, <c>breakout</c>, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionKind>))]
public enum SessionKind
{
    [JsonStringEnumMemberName("keynote")] Keynote,
    [JsonStringEnumMemberName("breakout")] Breakout,
    [JsonStringEnumMemberName("panel")] Panel,
    [JsonStringEnumMemberName("pitch")] Pitch,
    [JsonStringEnumMemberName("networking")] Networking,
}

using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Polls;

/// <summary>What a poll asks for; serialized in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PollKind>))]
public enum PollKind
{
    /// <summary>Exactly one option.</summary>
    [JsonStringEnumMemberName("single")] SingleChoice,

    /// <summary>One to <c>maxChoices</c> distinct options.</summary>
    [JsonStringEnumMemberName("multiple")] MultipleChoice,

    /// <summary>One whole number on the poll's scale (<c>ratingMin</c>..<c>ratingMax</c>).</summary>
    [JsonStringEnumMemberName("rating")] Rating,

    /// <summary>A short free text; answers are counted after normalising case and spacing.</summary>
    [JsonStringEnumMemberName("wordcloud")] Wordcloud,

    /// <summary>Single choice over the pitches; closing reveals the winner(s).</summary>
    [JsonStringEnumMemberName("pitch")] Pitch,
}

/// <summary>Lifecycle: draft → open → closed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PollStatus>))]
public enum PollStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>When attendees see results.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResultsVisibility>))]
public enum ResultsVisibility
{
    [JsonStringEnumMemberName("live")] Live,
    [JsonStringEnumMemberName("afterClose")] AfterClose,
}

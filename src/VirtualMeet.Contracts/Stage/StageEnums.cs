using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Stage;

[JsonConverter(typeof(JsonStringEnumConverter<StageStatus>))]
public enum StageStatus
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("live")] Live,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>Where a question stands. With pre-moderation a question starts <c>pending</c>, else <c>approved</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionStatus>))]
public enum QuestionStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("answered")] Answered,
    [JsonStringEnumMemberName("hidden")] Hidden,
}

/// <summary>What a moderator does to a question with <c>ModerateQuestion</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionAction>))]
public enum QuestionAction
{
    [JsonStringEnumMemberName("approve")] Approve,
    [JsonStringEnumMemberName("answer")] Answer,
    [JsonStringEnumMemberName("hide")] Hide,
    [JsonStringEnumMemberName("pin")] Pin,
    [JsonStringEnumMemberName("unpin")] Unpin,
}

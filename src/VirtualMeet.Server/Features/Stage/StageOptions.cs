using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>Limits of the stage: section <c>Keynote</c>. Validated at start-up.</summary>
public sealed class StageOptions
{
    public const string Section = "Stage";

    /// <summary>
    /// The reactions attendees may send, comma-separated; anything else is <c>invalid_argument</c>. (A string, not a
    /// list: configuration would append to a default list instead of replacing it.)
    /// </summary>
    [Required]
    [RegularExpression("^[a-z]{1,32}(,[a-z]{1,32}){0,31}$", ErrorMessage = "Stage:Reactions lists 1 to 32 lower-case words of 1 to 32 letters, comma-separated.")]
    public string Reactions { get; set; } = "applause,heart,laugh,idea";

    /// <summary>Viewer-count and reaction pushes per second per stage, each, across the cluster.</summary>
    [Range(0.1, 50)]
    public double MaxPushesPerSecond { get; set; } = 4;

    [Range(10, 5000)]
    public int MaxQuestionLength { get; set; } = 500;

    /// <summary>Questions in the answer of <c>JoinStage</c>.</summary>
    [Range(1, 1000)]
    public int TopQuestions { get; set; } = 50;

    /// <summary>Most questions a stage keeps; further ones are refused with <c>conflict</c>.</summary>
    [Range(1, 100_000)]
    public int MaxQuestionsPerStage { get; set; } = 2000;

    [Range(1, 16)]
    public int MaxStreamSources { get; set; } = 8;

    [Range(1, 2000)]
    public int MaxTextLength { get; set; } = 200;

    [Range(10, 4000)]
    public int MaxUrlLength { get; set; } = 2000;

    public IReadOnlyList<string> AllowedReactions() => Reactions.Split(',');

    public TimeSpan PushInterval => TimeSpan.FromSeconds(1 / MaxPushesPerSecond);
}

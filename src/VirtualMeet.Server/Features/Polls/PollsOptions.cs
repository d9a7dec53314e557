using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Limits of live polls: section <c>Polls</c>. Validated at start-up.</summary>
public sealed class PollsOptions
{
    public const string Section = "Polls";

    [Range(2, 1000)]
    public int MinOptions { get; set; } = 2;

    [Range(2, 1000)]
    public int MaxOptions { get; set; } = 64;

    [Range(10, 5000)]
    public int MaxQuestionLength { get; set; } = 500;

    [Range(1, 1000)]
    public int MaxOptionLength { get; set; } = 200;

    /// <summary>Longest word-cloud answer after normalisation; the shortest is one character.</summary>
    [Range(1, 200)]
    public int MaxWordLength { get; set; } = 40;

    /// <summary>Widest rating scale (<c>ratingMax - ratingMin + 1</c>).</summary>
    [Range(2, 101)]
    public int MaxRatingScale { get; set; } = 11;

    /// <summary>Result pushes per second per poll, across the cluster.</summary>
    [Range(0.1, 50)]
    public double MaxPushesPerSecond { get; set; } = 4;

    /// <summary>Word-cloud answers in results when the reader asks for no other number.</summary>
    [Range(1, 1000)]
    public int DefaultWordCloudTop { get; set; } = 50;

    [Range(1, 7 * 24 * 3600)]
    public int MaxDurationSeconds { get; set; } = 24 * 3600;

    /// <summary>A method, not a property: options binding and validation would read a property before the range check.</summary>
    public TimeSpan PushInterval() => TimeSpan.FromSeconds(1 / MaxPushesPerSecond);
}

using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Organised 1:1 matchmaking: section <c>Matchmaking</c>. Validated at start-up.</summary>
public sealed class MatchmakingOptions
{
    public const string Section = "Matchmaking";

    /// <summary>Length of one meeting; slots are laid out from the start of the window.</summary>
    [Range(5, 240)]
    public int SlotMinutes { get; set; } = 15;

    /// <summary>
    /// The session whose times are the matchmaking window. Without a session of this id, every session of kind
    /// <c>networking</c> is a window.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string WindowSessionId { get; set; } = "matchmaking";

    [Range(1, 500)]
    public int MaxSuggestions { get; set; } = 20;

    /// <summary>Per list (interests, offers, seeks).</summary>
    [Range(1, 100)]
    public int MaxTags { get; set; } = 20;

    [Range(1, 200)]
    public int MaxTagLength { get; set; } = 60;

    [Range(0, 2000)]
    public int MaxMessageLength { get; set; } = 500;

    /// <summary>
    /// Requests one attendee may have waiting for an answer at once, per event; one more is refused (<c>conflict</c>),
    /// so nobody squats on other people's slots with requests nobody answers.
    /// </summary>
    [Range(1, 100)]
    public int MaxPendingRequests { get; set; } = 5;

    /// <summary>
    /// How long a request waits for an answer. Unanswered by then, or when its slot starts (when the slot is over
    /// for a request made during it), it expires and frees both slots.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RequestTtl { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SlotLength => TimeSpan.FromMinutes(SlotMinutes);
}

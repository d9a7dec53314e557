using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// Ranks people to meet. Mutual matches (each offers something the other seeks) come first; then the score:
/// two points for each thing they offer that the caller seeks or seek that the caller offers, one per shared
/// interest. Ties go by name so the list is stable. People with nothing in common are left out.
/// </summary>
internal static class SuggestionRanker
{
    public static IReadOnlyList<MatchSuggestion> Rank(MatchmakingProfile me, IEnumerable<MatchmakingProfile> others, int limit) =>
        others
            .Where(other => other.AttendeeId != me.AttendeeId)
            .Select(other => Score(me, other))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Mutual)
            .ThenByDescending(s => s.Score)
            .ThenBy(s => s.Profile.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Profile.AttendeeId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    public static MatchSuggestion Score(MatchmakingProfile me, MatchmakingProfile other)
    {
        var shared = Overlap(me.Interests, other.Interests);
        var theyOffer = Overlap(other.Offers, me.Seeks);
        var theySeek = Overlap(other.Seeks, me.Offers);
        var mutual = theyOffer.Count > 0 && theySeek.Count > 0;
        var score = shared.Count + 2 * (theyOffer.Count + theySeek.Count);
        return new MatchSuggestion(MatchmakingViews.Profile(other), score, mutual, shared, theyOffer, theySeek);
    }

    /// <summary>Tags of <paramref name="left"/> also in <paramref name="right"/>, compared ignoring case.</summary>
    public static IReadOnlyList<string> Overlap(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var set = new HashSet<string>(right, StringComparer.OrdinalIgnoreCase);
        return left.Where(set.Contains).ToList();
    }
}

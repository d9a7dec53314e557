using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// When 1:1 meetings can take place. The event model has no window of its own, so it comes from the agenda:
/// the session named by <see cref="MatchmakingOptions.WindowSessionId"/> (the demo's "matchmaking", 16:00–18:00),
/// else every <c>networking</c> session. Slots are laid out back to back from the start of each window; a slot
/// that would run past the window's end is left out.
/// </summary>
internal sealed record MatchmakingWindow(IReadOnlyList<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Ranges, TimeSpan SlotLength)
{
    public static MatchmakingWindow Of(EventDefinition definition, MatchmakingOptions options)
    {
        var named = definition.Sessions.Where(s => s.Id == options.WindowSessionId).ToList();
        var sessions = named.Count > 0 ? named : definition.Sessions.Where(s => s.Kind == SessionKind.Networking).ToList();
        return new MatchmakingWindow(
            sessions.OrderBy(s => s.StartsAt).Select(s => (s.StartsAt, s.EndsAt)).ToList(),
            options.SlotLength);
    }

    public bool IsEmpty => Slots().Count == 0;

    public DateTimeOffset? StartsAt => Ranges.Count == 0 ? null : Ranges.Min(r => r.StartsAt);

    public DateTimeOffset? EndsAt => Ranges.Count == 0 ? null : Ranges.Max(r => r.EndsAt);

    public IReadOnlyList<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Slots()
    {
        var slots = new SortedSet<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)>();
        foreach (var (start, end) in Ranges)
        {
            for (var at = start; at + SlotLength <= end; at += SlotLength)
                slots.Add((at, at + SlotLength));
        }

        return [.. slots];
    }

    /// <summary>The slot that starts exactly at <paramref name="startsAt"/>, if the window has one.</summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt)? SlotAt(DateTimeOffset startsAt) =>
        Slots().Where(s => s.StartsAt == startsAt).Select(s => ((DateTimeOffset, DateTimeOffset)?)s).FirstOrDefault();
}

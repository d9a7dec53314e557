using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Features.Events.DemoData;

/// <summary>Moves a demo event in time, so that a demo started today has something live.</summary>
internal static class DemoSchedule
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The event with every session moved by the same amount, so that its first session starts at the quarter hour
    /// that <paramref name="now"/> falls in: the agenda keeps its shape, and the opening is live right away. Times keep
    /// the event zone's offset of their new date (an October event moved to December is on winter time).
    /// </summary>
    public static EventDefinition StartingAround(EventDefinition definition, DateTimeOffset now)
    {
        if (definition.Sessions.Count == 0)
            return definition;

        var quarterStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Quarter.Ticks), TimeSpan.Zero);
        var shift = quarterStart - definition.Sessions.Min(s => s.StartsAt);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone, out var found) ? found : null;
        DateTimeOffset Moved(DateTimeOffset at) => zone is null ? at + shift : TimeZoneInfo.ConvertTime(at + shift, zone);
        return definition with
        {
            Sessions = [.. definition.Sessions.Select(s => s with { StartsAt = Moved(s.StartsAt), EndsAt = Moved(s.EndsAt) })],
        };
    }
}

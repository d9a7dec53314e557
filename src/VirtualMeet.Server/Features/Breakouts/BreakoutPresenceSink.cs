using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>Seats the presence reaper freed in breakouts (grace expired, node died): the rooms hear who left.</summary>
internal sealed class BreakoutPresenceSink(BreakoutService breakouts) : IPresenceChangeSink
{
    public string RoomPrefix => BreakoutGroups.RoomPrefix;

    public async Task OnSeatsFreedAsync(IReadOnlyList<PresenceSeatChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
            await breakouts.SeatFreedAsync(change, cancellationToken);
    }
}

using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>Seats at bar tables freed by the presence reaper (grace passed, node died) reach the tables and the bars.</summary>
internal sealed class BarPresenceSink(IServiceProvider services) : IPresenceChangeSink
{
    public string RoomPrefix => BarRooms.Prefix;

    // Resolved on first use: the reaper (a hosted service) is built before the hub context is needed.
    public Task OnSeatsFreedAsync(IReadOnlyList<PresenceSeatChange> changes, CancellationToken cancellationToken) =>
        services.GetRequiredService<BarsService>().OnSeatsFreedAsync(changes, cancellationToken);
}

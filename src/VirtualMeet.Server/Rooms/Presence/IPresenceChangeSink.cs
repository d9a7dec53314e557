namespace VirtualMeet.Server.Rooms.Presence;

/// <summary>
/// A feature's handler for seats freed in the background (grace expired, owning node died), e.g. to push
/// <c>ParticipantLeft</c> through its hub. Register with <c>services.AddPresenceChangeSink&lt;T&gt;()</c>.
/// Each freed seat is delivered once, on the node whose reaper freed it.
/// </summary>
internal interface IPresenceChangeSink
{
    /// <summary>Room ids starting with this prefix (e.g. <c>breakout:</c>) are delivered to this sink.</summary>
    string RoomPrefix { get; }

    Task OnSeatsFreedAsync(IReadOnlyList<PresenceSeatChange> changes, CancellationToken cancellationToken);
}

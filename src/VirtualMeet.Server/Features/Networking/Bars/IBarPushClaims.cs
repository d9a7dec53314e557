namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// The right to push <c>TableChanged</c> for a bar, claimed for one push interval cluster-wide, so that all
/// nodes together stay within the push rate however many people sit down at once.
/// </summary>
internal interface IBarPushClaims
{
    Task<bool> TryClaimAsync(string eventId, string barId, TimeSpan interval, CancellationToken cancellationToken);
}

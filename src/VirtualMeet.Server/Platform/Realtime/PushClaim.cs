namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// The answer to a cluster-wide push claim: one node pushes a version of something (poll results, a viewer count)
/// per interval, and no version goes out twice.
/// </summary>
internal enum PushClaim
{
    /// <summary>This caller pushes now; the claim runs for the interval.</summary>
    Claimed,

    /// <summary>Another push went out within the interval; try again later.</summary>
    Busy,

    /// <summary>This version, or a newer one, went out already: nothing to push.</summary>
    AlreadyPushed,
}
